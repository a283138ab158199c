#include "core/data/bundled_csv.hpp"

namespace lab {

extern const char* const kBundled_iris;
extern const char* const kBundled_wine;
extern const char* const kBundled_breast_cancer;

const std::vector<BundledCsv>& bundled_csvs() {
  static const std::vector<BundledCsv> all = {
      {"iris", "species",
       "Fisher's iris data (R. A. Fisher, 1936, Annals of Eugenics 7(2)), via the UCI Machine Learning "
       "Repository as shipped with scikit-learn 1.2.1: 150 flowers, 3 species, 4 measurements in cm.",
       kBundled_iris},
      {"wine", "cultivar",
       "UCI Wine recognition data (Forina et al., 1991; Aeberhard et al.), as shipped with scikit-learn "
       "1.2.1: 178 wines from 3 cultivars, 13 chemical measurements.",
       kBundled_wine},
      {"breast_cancer", "diagnosis",
       "Breast Cancer Wisconsin (Diagnostic) data (Street, Wolberg and Mangasarian, 1993; UCI), as shipped "
       "with scikit-learn 1.2.1: 569 tumours, 30 features of cell nuclei, malignant or benign.",
       kBundled_breast_cancer},
  };
  return all;
}

const BundledCsv* find_bundled_csv(std::string_view name) {
  for (const auto& b : bundled_csvs())
    if (name == b.name) return &b;
  return nullptr;
}

}  // namespace lab
