#include "core/tune/cv_folds.hpp"

#include <map>
#include <stdexcept>

namespace lab {

Folds cv_folds(const std::vector<double>& labels, Task task, int k, uint64_t seed,
               const std::vector<std::string>& class_names) {
  if (k < 2 || k > 20)
    throw std::invalid_argument("cv must be between 2 and 20 folds, got " + std::to_string(k) + " (5 is usual)");
  if (labels.size() < size_t(k))
    throw std::invalid_argument(std::to_string(k) + "-fold cross-validation needs at least " + std::to_string(k) +
                                " training rows, the data has " + std::to_string(labels.size()) +
                                "; use fewer folds or more data");
  if (task == Task::Regression) return kfold(labels.size(), k, seed);

  std::map<double, size_t> per_class;
  for (double y : labels) ++per_class[y];
  for (const auto& [label, count] : per_class) {
    if (count >= size_t(k)) continue;
    const size_t i = size_t(label);
    const std::string name = i < class_names.size() ? "'" + class_names[i] + "'" : "with label " + std::to_string(i);
    throw std::invalid_argument("too few rows per class for " + std::to_string(k) + "-fold cross-validation: class " +
                                name + " has " + std::to_string(count) + " training row" + (count == 1 ? "" : "s") +
                                ", and every class needs at least " + std::to_string(k) +
                                " (one per fold); use --cv " + std::to_string(count >= 2 ? count : 2) +
                                " or fewer folds, or more rows of that class");
  }
  return stratified_kfold(labels, k, seed);
}

}  // namespace lab
