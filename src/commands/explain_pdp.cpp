#include "commands/explain_pdp.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <stdexcept>

#include "commands/json_args.hpp"
#include "core/explain/partial_dependence.hpp"

namespace lab {

using nlohmann::json;

namespace {

std::string fields_of(const Predictor& p) {
  std::string s;
  for (const auto& n : p.input_names()) s += (s.empty() ? "" : ", ") + n;
  return s;
}

// The class whose probability is shown for a multiclass model: asked for by name or index, else
// the one the model predicts most often over these rows.
size_t chosen_class(const Predictor& p, const json& a, const DenseMatrix& out) {
  const auto& classes = p.class_names();
  if (a.contains("class") && !a["class"].is_null()) {
    const json& c = a["class"];
    if (c.is_string()) {
      const auto it = std::find(classes.begin(), classes.end(), c.get<std::string>());
      if (it != classes.end()) return size_t(it - classes.begin());
    } else if (c.is_number_integer() && c.get<int64_t>() >= 0 && size_t(c.get<int64_t>()) < out.cols) {
      return size_t(c.get<int64_t>());
    }
    std::string names;
    for (const auto& n : classes) names += (names.empty() ? "" : ", ") + n;
    throw std::invalid_argument("unknown class " + c.dump() + "; this model's classes are: " + names);
  }
  std::vector<size_t> wins(out.cols, 0);
  for (size_t i = 0; i < out.rows; ++i) {
    const double* r = out.row(i);
    ++wins[size_t(std::max_element(r, r + out.cols) - r)];
  }
  return size_t(std::max_element(wins.begin(), wins.end()) - wins.begin());
}

std::string short_text(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.3g", v);
  return buf;
}

}  // namespace

json partial_dependence_reply(const ExplainSubject& subject, const json& a) {
  const Predictor& p = *subject.predictor;
  const std::string feature = args::required_str(a, "feature");
  const auto& inputs = p.input_names();
  const auto at = std::find(inputs.begin(), inputs.end(), feature);
  if (at == inputs.end())
    throw std::invalid_argument("unknown feature '" + feature + "'; this model's fields are: " + fields_of(p));
  const int64_t resolution = args::integer(a, "grid", 30);
  if (resolution < 2 || resolution > 200) throw std::invalid_argument("field 'grid' must be between 2 and 200");
  const int64_t max_rows = args::integer(a, "rows", 1000);
  if (max_rows < 1) throw std::invalid_argument("field 'rows' must be at least 1");
  const int64_t ice_lines = args::integer(a, "ice", 40);
  if (ice_lines < 0) throw std::invalid_argument("field 'ice' must be 0 or more");

  const Table& held = subject.held_out;
  const size_t n = std::min(held.rows(), size_t(max_rows));
  if (n == 0) throw std::invalid_argument("run " + subject.run_id + " has no held-out rows to compute partial dependence on");
  const Column& col = held.columns[size_t(at - inputs.begin())];
  std::vector<size_t> rows(n);
  for (size_t i = 0; i < n; ++i) rows[i] = i;
  Table work = held;
  for (auto& c : work.columns) c.values.resize(n);
  const std::vector<double> actual(work.columns[size_t(at - inputs.begin())].values);

  const bool categorical = col.type == ColumnType::Categorical;
  std::vector<double> grid;
  if (categorical) {
    if (col.categories.empty()) throw std::invalid_argument("feature '" + feature + "' has no categories");
    for (size_t k = 0; k < col.categories.size(); ++k) grid.push_back(double(k));
  } else {
    grid = pdp_grid(actual, size_t(resolution));
  }
  const DenseMatrix as_is = p.learner().predict(p.pipeline().transform(work, rows));
  const size_t out_col = as_is.cols > 1 ? chosen_class(p, a, as_is) : 0;
  Column& edited = work.columns[size_t(at - inputs.begin())];
  const PartialDependence pd = partial_dependence(grid, [&](double v) {
    std::fill(edited.values.begin(), edited.values.end(), v);
    const DenseMatrix out = p.learner().predict(p.pipeline().transform(work, rows));
    std::vector<double> answers(out.rows);
    for (size_t i = 0; i < out.rows; ++i) answers[i] = out.at(i, out_col);
    return answers;
  });

  const auto& classes = p.class_names();
  const size_t class_of_answer = as_is.cols > 1 ? out_col : 1;
  const std::string class_name = class_of_answer < classes.size() ? classes[class_of_answer] : "";
  const std::string answer = p.task() == Task::Regression ? "predicted " + p.target_name()
                                                          : "probability of " + p.target_name() + " = " + class_name;
  // ICE: evenly spread rows, each with its own value of the feature (where it sits on its line).
  json ice = json::array();
  const size_t shown = std::min(n, size_t(ice_lines));
  for (size_t k = 0; k < shown; ++k) {
    const size_t i = k * n / shown;
    json value = nullptr;
    if (!std::isnan(actual[i])) {
      if (!categorical) value = actual[i];
      else if (actual[i] >= 0 && size_t(actual[i]) < col.categories.size()) value = col.categories[size_t(actual[i])];
    }
    ice.push_back({{"row", i}, {"answers", pd.ice[i]}, {"value", value}, {"answer", as_is.at(i, out_col)}});
  }
  json out = {{"run_id", subject.run_id}, {"feature", feature}, {"kind", categorical ? "category" : "number"},
              {"answer", answer}, {"rows", n}, {"held_out_rows", held.rows()}, {"average", pd.average}, {"ice", ice}};
  const auto lo = std::min_element(pd.average.begin(), pd.average.end()) - pd.average.begin();
  const auto hi = std::max_element(pd.average.begin(), pd.average.end()) - pd.average.begin();
  if (categorical) {
    out["categories"] = col.categories;
    std::vector<double> counts(col.categories.size(), 0.0);
    for (double v : actual)
      if (!std::isnan(v) && v >= 0 && size_t(v) < counts.size()) counts[size_t(v)] += 1;
    out["rug_counts"] = counts;
    out["summary"] = "On average over " + std::to_string(n) + " held-out rows, the " + answer + " is highest with " + feature +
                     " = " + col.categories[size_t(hi)] + " (" + short_text(pd.average[size_t(hi)]) + ") and lowest with " +
                     col.categories[size_t(lo)] + " (" + short_text(pd.average[size_t(lo)]) + ")";
  } else {
    out["grid"] = pd.grid;
    std::vector<double> rug;
    for (double v : actual)
      if (!std::isnan(v)) rug.push_back(v);
    out["rug"] = rug;
    out["summary"] = "On average over " + std::to_string(n) + " held-out rows, moving " + feature + " from " +
                     short_text(pd.grid.front()) + " to " + short_text(pd.grid.back()) + " takes the " + answer + " from " +
                     short_text(pd.average.front()) + " to " + short_text(pd.average.back()) + " (lowest " +
                     short_text(pd.average[size_t(lo)]) + " at " + short_text(pd.grid[size_t(lo)]) + ", highest " +
                     short_text(pd.average[size_t(hi)]) + " at " + short_text(pd.grid[size_t(hi)]) + ")";
  }
  out["note"] = "partial dependence: every held-out row is asked again with " + feature +
                " set to each value (all else kept) and the answers averaged; ICE: the same for single rows";
  return out;
}

}  // namespace lab
