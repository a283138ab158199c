#include "core/explain/contributions.hpp"

#include <stdexcept>

#include "core/explain/tree_shap.hpp"
#include "core/models/decision_tree.hpp"
#include "core/models/hist_gbdt.hpp"
#include "core/models/logistic_regression.hpp"
#include "core/models/random_forest.hpp"

namespace lab {
namespace {

void check_width(const std::vector<double>& x, const std::vector<std::string>& names, size_t needed) {
  if (x.size() != names.size() || x.size() < needed)
    throw std::invalid_argument("explain: the row has " + std::to_string(x.size()) + " columns, the model needs " +
                                std::to_string(needed));
}

// Class c's contributions over a list of trees whose outputs are summed with `scale`.
void add_trees(const std::vector<const FlatTree*>& trees, int output, const std::vector<double>& x, double scale,
               Contributions& c) {
  for (const FlatTree* t : trees) {
    if (t->features_needed() > int(x.size()))
      throw std::invalid_argument("explain: a tree splits on a column the row does not have");
    c.base += scale * tree_expected_output(*t, output);
    add_tree_shap(*t, output, x.data(), scale, c.values.data());
  }
}

}  // namespace

bool explains_with_tree_shap(const Learner& model) {
  return dynamic_cast<const DecisionTree*>(&model) || dynamic_cast<const RandomForest*>(&model) ||
         dynamic_cast<const HistGBDT*>(&model);
}

Contributions tree_contributions(const Learner& model, const std::vector<double>& x,
                                 const std::vector<std::string>& names, int class_index) {
  Contributions c;
  c.names = names;
  c.values.assign(x.size(), 0.0);
  check_width(x, names, 0);
  if (const auto* gbdt = dynamic_cast<const HistGBDT*>(&model)) {
    // Trees are grouped by round; tree t feeds class t % k. Raw output: log-odds, score or value.
    const auto& trees = gbdt->trees();
    const size_t k = gbdt->trees_per_round();
    const size_t cls = k > 1 ? size_t(class_index) : 0;
    if (cls >= k) throw std::invalid_argument("explain: class index out of range");
    std::vector<const FlatTree*> mine;
    for (size_t t = cls; t < trees.size(); t += k) mine.push_back(&trees[t]);
    c.base = gbdt->base_score();
    add_trees(mine, 0, x, 1.0, c);
    switch (gbdt->task()) {
      case Task::Binary: c.scale = "log-odds", c.output_index = 1; break;
      case Task::Multiclass: c.scale = "score", c.output_index = int(cls); break;
      case Task::Regression: c.scale = "value", c.output_index = 0; break;
    }
  } else {
    std::vector<const FlatTree*> trees;
    double scale = 1.0;
    if (const auto* dt = dynamic_cast<const DecisionTree*>(&model)) {
      trees.push_back(&dt->tree());
    } else if (const auto* rf = dynamic_cast<const RandomForest*>(&model)) {
      for (const auto& t : rf->trees()) trees.push_back(&t);
      scale = 1.0 / double(trees.size());
    } else {
      throw std::invalid_argument("explain: TreeSHAP explains tree models only (decision tree, random forest, "
                                  "hist GBDT); use LIME or linear for " + model.algo());
    }
    const int outputs = trees.front()->n_outputs();
    // Classification trees hold class fractions: binary explains P(class 1), multiclass the asked class.
    const int out = outputs == 1 ? 0 : (outputs == 2 ? 1 : class_index);
    if (out < 0 || out >= outputs) throw std::invalid_argument("explain: class index out of range");
    add_trees(trees, out, x, scale, c);
    c.output_index = out;
    c.scale = outputs == 1 ? "value" : "probability";
  }
  c.output = c.base;
  for (double v : c.values) c.output += v;
  return c;
}

Contributions linear_contributions(const Learner& model, const std::vector<double>& x,
                                   const std::vector<std::string>& names, int class_index) {
  const auto* lr = dynamic_cast<const LogisticRegression*>(&model);
  if (!lr)
    throw std::invalid_argument("explain: linear contributions exist for logistic regression only; use shap or lime "
                                "for " + model.algo());
  const size_t d = x.size();
  const auto& w = lr->coefficients();
  const size_t k = w.size() / (d ? d : 1);
  check_width(x, names, d);
  if (w.size() != k * d) throw std::invalid_argument("explain: the row does not have the model's column count");
  const size_t cls = k > 1 ? size_t(class_index) : 0;
  if (cls >= k) throw std::invalid_argument("explain: class index out of range");
  Contributions c;
  c.names = names;
  c.base = lr->intercepts().at(cls);
  c.values.resize(d);
  c.output = c.base;
  for (size_t j = 0; j < d; ++j) {
    c.values[j] = w[cls * d + j] * x[j];
    c.output += c.values[j];
  }
  c.scale = k > 1 ? "score" : "log-odds";
  c.output_index = k > 1 ? int(cls) : 1;
  return c;
}

Contributions fold_contributions(const Contributions& c, const std::vector<std::string>& sources) {
  if (sources.size() != c.values.size())
    throw std::invalid_argument("explain: the pipeline's column sources do not match the model's columns");
  Contributions out = c;
  out.names.clear();
  out.values.clear();
  for (size_t i = 0; i < sources.size(); ++i) {
    size_t slot = 0;
    while (slot < out.names.size() && out.names[slot] != sources[i]) ++slot;
    if (slot == out.names.size()) {
      out.names.push_back(sources[i]);
      out.values.push_back(0.0);
    }
    out.values[slot] += c.values[i];
  }
  return out;
}

}  // namespace lab
