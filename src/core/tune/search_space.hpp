#pragma once
// The space a tune searches, derived from a learner's one parameter declaration (ParamSpec:
// ranges, log scale, choices, and which parameters are tuned by default over which range), then
// narrowed, widened or fixed by the participant. Grid and seeded random sampling over it.
//
// Narrowing, per parameter name (any declared parameter, tuned by default or not):
//   {"C": {"min": 0.1, "max": 10}}        a range (within the declared one); "log": true|false
//   {"kernel": ["rbf"]}, {"max_iter": [100, 1000]}   a list of values to choose from
//   {"max_depth": 4}                      fixed
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "core/math/rng.hpp"
#include "core/models/param_spec.hpp"

namespace lab {

struct SearchDimension {
  std::string name;
  ParamSpec::Kind kind = ParamSpec::Kind::Float;
  // A range (Float/Int) when `values` is empty; otherwise one of `values` (numbers or strings).
  double lo = 0, hi = 0;
  bool log_scale = false;
  std::vector<nlohmann::json> values;
  bool is_fixed() const { return values.size() == 1 || (values.empty() && lo == hi); }
};

struct SearchSpace {
  std::string algo;
  std::vector<SearchDimension> dims;  // in declaration order
  nlohmann::json fixed = nlohmann::json::object();  // fixed by the participant (one value)

  // Seeded random configuration: uniform, log-uniform on log-scale ranges, uniform over lists.
  nlohmann::json sample(Rng& rng) const;
  // The grid: every value of each list, `points` values across each range (log-spaced on log
  // scale; distinct whole numbers for Int), in lexicographic order with the first dimension
  // slowest. Throws std::invalid_argument when it would exceed max_points.
  std::vector<nlohmann::json> grid(int points, size_t max_points) const;
  nlohmann::json to_json() const;
};

// The space for `algo`'s declared parameters with the participant's narrowing applied.
// `drop` names a parameter the search must not set (halving's resource, e.g. n_estimators).
// Throws std::invalid_argument naming the parameter when a narrowing is unknown, out of the
// declared range, of the wrong type, or leaves nothing to search (an empty list, min > max).
SearchSpace search_space_for(const std::string& algo, const nlohmann::json& narrow, const std::string& drop = "");

}  // namespace lab
