#pragma once
// MLflow's run search syntax: a filter such as
//   metrics.auc > 0.9 and params.algo = 'gbdt' and tags.`my tag` LIKE 'a%'
// (clauses joined by AND only, as in MLflow) and order_by keys such as "metrics.auc DESC".
// Bad input throws FilterError with the 0-based character position it refers to.
#include <stdexcept>
#include <string>
#include <vector>

#include "core/track/run_types.hpp"

namespace lab {

struct FilterError : std::invalid_argument {
  FilterError(const std::string& message, size_t pos) : std::invalid_argument(message), position(pos) {}
  size_t position;
};

enum class Entity { Metric, Param, Tag, Attribute, Dataset };
const char* to_string(Entity e);

enum class CompareOp { Eq, Ne, Lt, Le, Gt, Ge, Like, ILike, In, NotIn };
const char* to_string(CompareOp op);

struct FilterClause {
  Entity entity = Entity::Attribute;
  std::string key;                  // attribute name, metric/param/tag key, dataset field
  CompareOp op = CompareOp::Eq;
  bool numeric = false;             // compare `number` (metrics, time attributes) or `text`
  double number = 0;
  std::string text;
  std::vector<std::string> values;  // IN / NOT IN
  size_t position = 0;              // where the clause starts in the filter text
};

struct RunFilter {
  std::vector<FilterClause> clauses;  // all must hold (AND)
  bool matches(const Run& run) const;
};

// Empty or blank text gives a filter that matches every run.
RunFilter parse_run_filter(const std::string& text);

// "metrics.auc DESC", "params.C", "start_time ASC", "attributes.duration" (lab extension).
struct OrderKey {
  Entity entity = Entity::Attribute;
  std::string key;
  bool ascending = true;
};
OrderKey parse_order_by(const std::string& text);

// A run's value for a column: numeric for metrics and time attributes, text otherwise.
// `present` is false when the run lacks the key (such runs sort last, as in MLflow).
struct SortValue {
  bool present = false, numeric = false;
  double number = 0;
  std::string text;
};
SortValue sort_value(const Run& run, Entity entity, const std::string& key);

// Order of `runs` by the keys, then start time (newest first), then run id. Deterministic.
std::vector<size_t> sorted_order(const std::vector<const Run*>& runs, const std::vector<OrderKey>& keys);

// SQL LIKE: % any run of characters, _ exactly one; ILIKE ignores ASCII case.
bool like_match(const std::string& pattern, const std::string& text, bool ignore_case);

// The error as a user sees it: message, then the filter with a caret under the position.
std::string describe_filter_error(const std::string& filter, const FilterError& e);

}  // namespace lab
