#include "core/monitor/traffic_simulator.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <stdexcept>

#include "core/math/det_math.hpp"
#include "core/math/rng.hpp"

namespace lab {

using nlohmann::json;

namespace {

constexpr int64_t kDayMs = 86'400'000;

std::string label_text(const Column& c, double v) {
  if (c.type == ColumnType::Categorical) return c.categories.at(size_t(v));
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.17g", v);
  return buf;
}

json cell_json(const Column& c, double v) {
  if (std::isnan(v)) return nullptr;
  if (c.type == ColumnType::Categorical) return c.categories.at(size_t(v));
  return v;
}

// Strength of the scenario on `day`: 0 before the drift day, rising to 1 over ramp_days.
double strength(const SimulationSpec& s, int drift_day, int day) {
  if (s.scenario == "stable" || day < drift_day) return 0.0;
  return std::min(1.0, double(day - drift_day + 1) / double(std::max(1, s.ramp_days)));
}

}  // namespace

void check_scenario(const std::string& s) {
  if (s != "stable" && s != "covariate_drift" && s != "concept_drift" && s != "data_quality")
    throw std::invalid_argument("unknown scenario '" + s + "'; choose stable, covariate_drift, concept_drift or data_quality");
}

std::string default_feature(const Table& pool, const std::vector<std::string>& features) {
  for (const char* story : {"income", "InternetService"})
    if (std::find(features.begin(), features.end(), story) != features.end() && pool.find(story)) return story;
  for (const auto& f : features)
    if (const Column* c = pool.find(f); c && c->type == ColumnType::Numeric) return f;
  if (features.empty()) throw std::invalid_argument("the endpoint's contract has no input fields to simulate");
  return features.front();
}

SimulationPlan simulate_traffic(const Table& pool, const std::vector<std::string>& features, bool classification,
                                const SimulationSpec& spec) {
  check_scenario(spec.scenario);
  if (spec.days < 1 || spec.days > 365) throw std::invalid_argument("days must be between 1 and 365");
  if (spec.requests < 1 || spec.requests > 1'000'000) throw std::invalid_argument("requests must be between 1 and 1,000,000");
  if (spec.ramp_days < 1) throw std::invalid_argument("ramp_days must be at least 1");
  if (spec.label_delay_days < 0 || spec.label_delay_days > spec.days)
    throw std::invalid_argument("label_delay_days must be between 0 and the number of days");
  const Column* target = pool.target();
  if (!target) throw std::invalid_argument("the generated data has no target column, so outcomes cannot be simulated");
  if (pool.rows() == 0) throw std::invalid_argument("the generator made no rows");
  std::vector<const Column*> cols;
  for (const auto& f : features) {
    const Column* c = pool.find(f);
    if (!c) throw std::invalid_argument("the endpoint's contract needs '" + f + "', which the dataset's generator does not make");
    cols.push_back(c);
  }

  SimulationPlan plan;
  plan.drift_day = spec.drift_day >= 0 ? std::min(spec.drift_day, spec.days - 1) : spec.days / 3;
  plan.feature = spec.feature.empty() ? default_feature(pool, features) : spec.feature;
  const Column* shifted = pool.find(plan.feature);
  if (!shifted) throw std::invalid_argument("no column '" + plan.feature + "' to drift; choose one of the endpoint's fields");
  if (shifted == target) throw std::invalid_argument("choose an input column to drift, not the target '" + plan.feature + "'");

  // Where the scenario acts: numbers by their standard score (covariate) or above the median
  // (concept); categories at their last category.
  const size_t n = pool.rows();
  std::vector<double> z(n, 0.0);
  std::vector<char> in_region(n, 0);
  const std::string last_category = shifted->type == ColumnType::Categorical && !shifted->categories.empty()
                                        ? shifted->categories.back() : "";
  if (shifted->type == ColumnType::Numeric) {
    std::vector<double> v;
    for (double x : shifted->values)
      if (!std::isnan(x)) v.push_back(x);
    if (v.empty()) throw std::invalid_argument("'" + plan.feature + "' has no values to drift");
    double mean = 0, ss = 0;
    for (double x : v) mean += x;
    mean /= double(v.size());
    for (double x : v) ss += (x - mean) * (x - mean);
    double sd = std::sqrt(ss / double(v.size()));
    std::vector<double> sorted = v;
    std::nth_element(sorted.begin(), sorted.begin() + long(sorted.size() / 2), sorted.end());
    double median = sorted[sorted.size() / 2];
    for (size_t i = 0; i < n; ++i) {
      double x = shifted->values[i];
      z[i] = std::isnan(x) || sd == 0 ? 0.0 : std::max(-2.5, std::min(2.5, (x - mean) / sd));
      in_region[i] = !std::isnan(x) && x > median;
    }
  } else {
    for (size_t i = 0; i < n; ++i) {
      bool last = !std::isnan(shifted->values[i]) && shifted->categories[size_t(shifted->values[i])] == last_category;
      z[i] = last ? -2.5 : 0.0;  // covariate drift favours the last category as it favours low numbers
      in_region[i] = last;
    }
  }
  std::vector<std::string> classes;
  if (classification) {
    if (target->type == ColumnType::Categorical) classes = target->categories;
    else {
      std::vector<double> seen;
      for (double x : target->values)
        if (!std::isnan(x) && std::find(seen.begin(), seen.end(), x) == seen.end()) seen.push_back(x);
      std::sort(seen.begin(), seen.end());
      for (double x : seen) classes.push_back(label_text(*target, x));
    }
  }
  double target_sd = 0;
  if (!classification) {
    double m = 0, ss = 0, k = 0;
    for (double x : target->values)
      if (!std::isnan(x)) { m += x; ++k; }
    m /= std::max(1.0, k);
    for (double x : target->values)
      if (!std::isnan(x)) ss += (x - m) * (x - m);
    target_sd = std::sqrt(ss / std::max(1.0, k));
  }

  const std::string region = shifted->type == ColumnType::Numeric ? plan.feature + " above its median"
                                                                   : plan.feature + " = " + last_category;
  if (spec.scenario == "stable") plan.description = "Requests drawn from the generator as the training data was.";
  else if (spec.scenario == "covariate_drift")
    plan.description = "From day " + std::to_string(plan.drift_day + 1) + ", " +
                       (shifted->type == ColumnType::Numeric ? "lower values of " + plan.feature : plan.feature + " = " + last_category) +
                       " become more common; outcomes still follow the same rule.";
  else if (spec.scenario == "concept_drift")
    plan.description = "From day " + std::to_string(plan.drift_day + 1) + ", outcomes change where " + region +
                       ", while the inputs look as before.";
  else
    plan.description = "From day " + std::to_string(plan.drift_day + 1) +
                       ", a share of requests arrive broken (missing field, impossible value, text for a number).";

  Rng rng(spec.seed);
  const int64_t per_day = spec.requests / spec.days, extra = spec.requests % spec.days;
  const char* breaks[] = {"missing field", "impossible value", "text for a number"};
  int next_break = 0;
  plan.requests.reserve(size_t(spec.requests));
  for (int day = 0; day < spec.days; ++day) {
    const double s = strength(spec, plan.drift_day, day);
    const int64_t count = per_day + (day < extra ? 1 : 0);
    std::vector<int64_t> offsets;
    for (int64_t k = 0; k < count; ++k) offsets.push_back(int64_t(rng.below(uint64_t(kDayMs))));
    std::sort(offsets.begin(), offsets.end());
    for (int64_t k = 0; k < count; ++k) {
      // Draw a row; covariate drift keeps it with a probability that favours low z.
      size_t row = size_t(rng.below(n));
      if (spec.scenario == "covariate_drift" && s > 0) {
        const double wmax = det::exp(1.2 * s * 2.5);
        for (int attempt = 0; attempt < 1000 && !(rng.uniform() * wmax < det::exp(-1.2 * s * z[row])); ++attempt)
          row = size_t(rng.below(n));
      }
      SimulatedRequest r;
      r.day = day;
      r.offset_ms = offsets[size_t(k)];
      r.strength = s;
      json f = json::object();
      for (size_t c = 0; c < cols.size(); ++c) f[features[c]] = cell_json(*cols[c], cols[c]->values[row]);
      if (spec.scenario == "data_quality" && s > 0 && rng.uniform() < 0.3 * s) {
        r.broken = breaks[next_break++ % 3];
        const Column* num = nullptr;
        for (const Column* c : cols)
          if (c->type == ColumnType::Numeric) { num = c; break; }
        if (r.broken == std::string("missing field") || !num) f.erase(features.front());
        else if (r.broken == std::string("impossible value")) f[num->name] = -1e9;
        else f[num->name] = "n/a";
        if (!num && r.broken != std::string("missing field")) r.broken = "missing field";
      }
      r.request = {{"features", f}};
      double y = target->values[row];
      bool arrived = day + spec.label_delay_days < spec.days;
      if (!std::isnan(y) && arrived) {
        bool changes = spec.scenario == "concept_drift" && s > 0 && in_region[row] && rng.uniform() < 0.8 * s;
        if (classification) {
          std::string label = label_text(*target, y);
          if (changes && classes.size() > 1) {
            size_t at = size_t(std::find(classes.begin(), classes.end(), label) - classes.begin());
            label = classes[(at + 1) % classes.size()];  // binary: the other class
          }
          r.actual = label;
        } else {
          r.actual = changes ? y + target_sd : y;
        }
      }
      plan.requests.push_back(std::move(r));
    }
  }
  return plan;
}

}  // namespace lab
