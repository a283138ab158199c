#pragma once
// The Tune module's search space form: one row per parameter of the learner's declaration (the
// one ParamSpec list), each searched over a range or a set of choices, or fixed at a value; the
// narrowing it adds up to is what tune.start takes as `space` (core/tune/search_space.hpp).
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "core/models/param_spec.hpp"

namespace lab::app::search {

struct SpaceRow {
  ParamSpec spec;
  bool search = false;  // searched (a range or choices) or fixed
  bool touched = false; // changed by the participant (an untouched, untuned row is left out)
  double lo = 0, hi = 0, fixed = 0;
  std::vector<bool> chosen;  // Choice: which choices the search tries
  int fixed_choice = 0;
};

class SpaceForm {
 public:
  // Rows for `algo` as its default space has them (tuned parameters searched, others fixed).
  void reset(const std::string& algo);
  const std::string& algo() const { return algo_; }
  void draw();  // the rows, as a table
  nlohmann::json narrowing() const;

 private:
  void draw_row(SpaceRow& r);
  std::string algo_;
  std::vector<SpaceRow> rows_;
};

}  // namespace lab::app::search
