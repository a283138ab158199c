#include "core/tune/search_space.hpp"

#include <algorithm>
#include <cmath>
#include <sstream>
#include <stdexcept>

#include "core/math/det_math.hpp"
#include "core/models/learner_registry.hpp"

namespace lab {

using nlohmann::json;

namespace {

std::string fmt(double v) {
  std::ostringstream os;
  os << v;
  return os.str();
}

// A log scale when declared, or when the default tuning range spans two decades or more of
// positive values (reg_lambda 0.01..10 is searched evenly per decade, not mostly above 1).
bool tune_on_log_scale(const ParamSpec& s, double lo, double hi) {
  if (lo <= 0) return false;
  return s.log_scale || hi / lo >= 100.0;
}

// 4 significant digits, with basic arithmetic only so native and wasm agree bit for bit: a
// sampled 0.01234 reads better on a leaderboard than 0.012340785513.
double round_4_digits(double v) {
  if (v == 0 || !std::isfinite(v)) return v;
  double a = std::fabs(v), scale = 1;
  while (a * scale < 1000) scale *= 10;
  while (a * scale >= 10000) scale /= 10;
  return std::round(v * scale) / scale;
}

void check_number(const ParamSpec& s, const json& v) {
  if (!v.is_number())
    throw std::invalid_argument("search space: '" + s.name + "' takes numbers, got " + v.dump());
  const double x = v.get<double>();
  if (!(x >= s.min && x <= s.max))
    throw std::invalid_argument("search space: '" + s.name + "' must stay between " + fmt(s.min) + " and " +
                                fmt(s.max) + ", got " + v.dump());
  if (s.kind == ParamSpec::Kind::Int && x != std::floor(x))
    throw std::invalid_argument("search space: '" + s.name + "' takes whole numbers, got " + v.dump());
}

void check_choice(const ParamSpec& s, const json& v) {
  if (!v.is_string() || std::find(s.choices.begin(), s.choices.end(), v.get<std::string>()) == s.choices.end()) {
    std::string list;
    for (const auto& c : s.choices) list += (list.empty() ? "" : ", ") + c;
    throw std::invalid_argument("search space: '" + s.name + "' must be one of " + list + ", got " + v.dump());
  }
}

json typed(ParamSpec::Kind kind, double x) { return kind == ParamSpec::Kind::Int ? json(int64_t(x)) : json(x); }

SearchDimension default_dimension(const ParamSpec& s) {
  SearchDimension d;
  d.name = s.name;
  d.kind = s.kind;
  if (s.kind == ParamSpec::Kind::Choice) {
    if (s.tuned) for (const auto& c : s.choices) d.values.push_back(c);
    else d.values.push_back(s.default_choice);
    return d;
  }
  if (!s.tuned) {
    d.values.push_back(typed(s.kind, s.default_number));
    return d;
  }
  d.lo = s.tune_min;
  d.hi = s.tune_max;
  d.log_scale = tune_on_log_scale(s, d.lo, d.hi);
  return d;
}

SearchDimension narrowed_dimension(const ParamSpec& s, const json& n) {
  SearchDimension d;
  d.name = s.name;
  d.kind = s.kind;
  if (n.is_array()) {
    if (n.empty())
      throw std::invalid_argument("search space: the list for '" + s.name +
                                  "' is empty, which leaves nothing to search; give at least one value");
    for (const auto& v : n) {
      if (s.kind == ParamSpec::Kind::Choice) check_choice(s, v);
      else check_number(s, v);
      d.values.push_back(s.kind == ParamSpec::Kind::Choice ? v : typed(s.kind, v.get<double>()));
    }
    return d;
  }
  if (n.is_object()) {
    if (s.kind == ParamSpec::Kind::Choice)
      throw std::invalid_argument("search space: '" + s.name + "' is a choice; give a list such as [\"" +
                                  s.choices.front() + "\"], not a range");
    for (auto it = n.begin(); it != n.end(); ++it)
      if (it.key() != "min" && it.key() != "max" && it.key() != "log")
        throw std::invalid_argument("search space: a range for '" + s.name + "' takes min, max and log, not '" +
                                    it.key() + "'");
    const SearchDimension base = default_dimension(s);
    const bool had_range = base.values.empty();
    d.lo = n.contains("min") ? (check_number(s, n["min"]), n["min"].get<double>()) : had_range ? base.lo : s.min;
    d.hi = n.contains("max") ? (check_number(s, n["max"]), n["max"].get<double>()) : had_range ? base.hi : s.max;
    if (d.lo > d.hi)
      throw std::invalid_argument("search space: '" + s.name + "' has min " + fmt(d.lo) + " above max " + fmt(d.hi) +
                                  ", which leaves nothing to search");
    d.log_scale = n.contains("log") ? n["log"].is_boolean() && n["log"].get<bool>() : tune_on_log_scale(s, d.lo, d.hi);
    if (d.log_scale && d.lo <= 0)
      throw std::invalid_argument("search space: '" + s.name + "' on a log scale needs min above 0, got " + fmt(d.lo));
    return d;
  }
  if (s.kind == ParamSpec::Kind::Choice) check_choice(s, n);
  else check_number(s, n);
  d.values.push_back(s.kind == ParamSpec::Kind::Choice ? n : typed(s.kind, n.get<double>()));
  return d;
}

json dimension_value(const SearchDimension& d, double u) {
  // u in [0, 1): the position along the range.
  double x;
  if (d.log_scale) {
    const double a = det::log(d.lo), b = det::log(d.kind == ParamSpec::Kind::Int ? d.hi + 1 : d.hi);
    x = det::exp(a + u * (b - a));
  } else {
    x = d.lo + u * ((d.kind == ParamSpec::Kind::Int ? d.hi + 1 : d.hi) - d.lo);
  }
  x = d.kind == ParamSpec::Kind::Int ? std::floor(x) : round_4_digits(x);
  return typed(d.kind, std::min(d.hi, std::max(d.lo, x)));
}

}  // namespace

SearchSpace search_space_for(const std::string& algo, const json& narrow, const std::string& drop) {
  const std::vector<ParamSpec>& specs = learner_info(algo).params();
  if (!narrow.is_null() && !narrow.is_object())
    throw std::invalid_argument("the search space must be a JSON object such as {\"C\": {\"min\": 0.1, \"max\": 10}}");
  if (!narrow.is_null())
    for (auto it = narrow.begin(); it != narrow.end(); ++it) {
      bool known = false;
      for (const auto& s : specs) known = known || s.name == it.key();
      if (!known) {
        std::string list;
        for (const auto& s : specs) list += (list.empty() ? "" : ", ") + s.name;
        throw std::invalid_argument("search space: " + algo + " has no parameter '" + it.key() + "'; it has: " + list);
      }
      if (it.key() == drop)
        throw std::invalid_argument("search space: '" + drop +
                                    "' is the resource successive halving grows (3x per rung); set its range with "
                                    "min_resources/max_resources, or use the random strategy to search it");
    }
  SearchSpace space;
  space.algo = algo;
  for (const auto& s : specs) {
    if (s.name == drop) continue;
    const bool given = !narrow.is_null() && narrow.contains(s.name);
    SearchDimension d = given ? narrowed_dimension(s, narrow[s.name]) : default_dimension(s);
    if (given && d.values.size() == 1) space.fixed[s.name] = d.values.front();
    space.dims.push_back(std::move(d));
  }
  return space;
}

json SearchSpace::sample(Rng& rng) const {
  json p = json::object();
  for (const auto& d : dims) {
    if (!d.values.empty()) p[d.name] = d.values.size() == 1 ? d.values.front() : d.values[size_t(rng.below(d.values.size()))];
    else p[d.name] = dimension_value(d, rng.uniform());
  }
  return p;
}

std::vector<json> SearchSpace::grid(int points, size_t max_points) const {
  if (points < 2) throw std::invalid_argument("a grid needs at least 2 points per range, got " + std::to_string(points));
  std::vector<std::vector<json>> axes;
  size_t total = 1;
  for (const auto& d : dims) {
    std::vector<json> axis = d.values;
    if (axis.empty()) {
      for (int i = 0; i < points; ++i) {
        json v;
        if (d.kind == ParamSpec::Kind::Int && !d.log_scale) {
          v = int64_t(std::floor(d.lo + (d.hi - d.lo) * i / (points - 1) + 0.5));
        } else if (d.log_scale) {
          const double a = det::log(d.lo), b = det::log(d.hi);
          const double x = i == points - 1 ? d.hi : det::exp(a + (b - a) * i / (points - 1));
          v = d.kind == ParamSpec::Kind::Int ? json(int64_t(std::floor(x + 0.5))) : json(round_4_digits(x));
        } else {
          v = i == points - 1 ? d.hi : round_4_digits(d.lo + (d.hi - d.lo) * i / (points - 1));
          if (d.kind == ParamSpec::Kind::Int) v = int64_t(v.get<double>());
        }
        if (std::find(axis.begin(), axis.end(), v) == axis.end()) axis.push_back(v);
      }
    }
    total *= axis.size();
    if (total > max_points)
      throw std::invalid_argument("the grid has more than " + std::to_string(max_points) +
                                  " points; fix or narrow some parameters, use fewer points per range, or the random "
                                  "strategy");
    axes.push_back(std::move(axis));
  }
  std::vector<json> out;
  std::vector<size_t> at(axes.size(), 0);
  for (size_t n = 0; n < total; ++n) {
    json p = json::object();
    for (size_t i = 0; i < axes.size(); ++i) p[dims[i].name] = axes[i][at[i]];
    out.push_back(std::move(p));
    for (size_t i = axes.size(); i-- > 0;) {  // the last dimension fastest
      if (++at[i] < axes[i].size()) break;
      at[i] = 0;
    }
  }
  return out;
}

json SearchSpace::to_json() const {
  json j = json::object();
  for (const auto& d : dims) {
    if (!d.values.empty()) j[d.name] = d.values.size() == 1 ? d.values.front() : json(d.values);
    else j[d.name] = {{"min", d.lo}, {"max", d.hi}, {"log", d.log_scale}};
  }
  return j;
}

}  // namespace lab
