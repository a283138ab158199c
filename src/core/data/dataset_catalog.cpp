#include "core/data/dataset_catalog.hpp"

#include <stdexcept>

#include "core/data/bundled_csv.hpp"
#include "core/data/churn_generator.hpp"
#include "core/data/csv_parser.hpp"
#include "core/data/loan_generator.hpp"
#include "core/data/production_hours_generator.hpp"
#include "core/data/schema.hpp"

namespace lab {

const std::vector<DatasetInfo>& dataset_catalog() {
  static const std::vector<DatasetInfo> all = [] {
    std::vector<DatasetInfo> v = {
        {"loan", "Loan approval (synthetic)", "binary", "approved", true, kLoanGeneratingProcess},
        {"churn", "Telco customer churn (synthetic)", "binary", "Churn", true, kChurnGeneratingProcess},
        {"production_hours", "Production hours forecasting (synthetic)", "regression", "production_hours", true,
         kProductionHoursGeneratingProcess},
    };
    const char* labels[] = {"Iris flowers (real data)", "Wine cultivars (real data)",
                            "Breast cancer diagnosis (real data)"};
    const char* tasks[] = {"multiclass", "multiclass", "binary"};
    size_t k = 0;
    for (const auto& b : bundled_csvs()) {
      v.push_back({b.name, labels[k], tasks[k], b.target, false, b.source});
      ++k;
    }
    return v;
  }();
  return all;
}

const DatasetInfo& dataset_info(const std::string& name) {
  for (const auto& d : dataset_catalog())
    if (d.name == name) return d;
  std::string list;
  for (const auto& d : dataset_catalog()) list += (list.empty() ? "" : ", ") + d.name;
  throw std::invalid_argument("unknown dataset '" + name + "'; available: " + list);
}

Table make_dataset(const std::string& name, int64_t rows, uint64_t seed) {
  const DatasetInfo& info = dataset_info(name);
  if (name == "loan") return generate_loan_dataset({rows, seed});
  if (name == "churn") return generate_churn_dataset({rows, seed});
  if (name == "production_hours") return generate_production_hours_dataset({rows, seed});
  const BundledCsv* b = find_bundled_csv(name);
  Table t = parse_csv(b->text);
  assign_roles(t, info.target);
  return t;
}

}  // namespace lab
