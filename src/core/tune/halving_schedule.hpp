#pragma once
// Successive halving's rungs, with the semantics of scikit-learn's HalvingRandomSearchCV
// (sklearn/model_selection/_search_successive_halving.py, BaseSuccessiveHalving._run_search):
// every candidate is scored with min_resources, the best 1/factor (rounded up) go on with factor
// times the resource, and so on, for as many rungs as both the candidates and the resource allow.
// The resource is the number of training rows, or the number of trees for forests and boosting.
#include <cstdint>
#include <string>
#include <vector>

namespace lab {

struct HalvingRung {
  int64_t resources = 0;   // rows (or trees) each candidate of this rung is scored with
  int64_t candidates = 0;  // candidates scored in this rung
};

struct HalvingSchedule {
  int64_t min_resources = 0;  // after "smallest" / "exhaust" were resolved (sklearn's min_resources_)
  int required_rungs = 0, possible_rungs = 0;  // n_required_iterations_, n_possible_iterations_
  std::vector<HalvingRung> rungs;
};

// sklearn's min_resources="smallest": 2 * cv folds, times the class count for a classifier, when
// the resource is rows; 1 when it is trees.
int64_t smallest_resources(bool resource_is_rows, int cv, int n_classes);

// min_resources: a number, "smallest" or "exhaust" (start as high as lets the last rung use
// nearly max_resources). `smallest` is smallest_resources(...) for this tune.
// Throws std::invalid_argument when the numbers leave no schedule (factor < 2, no candidates,
// min above max).
HalvingSchedule halving_schedule(int64_t n_candidates, int factor, const std::string& min_resources,
                                 int64_t smallest, int64_t max_resources, bool aggressive_elimination = false);

}  // namespace lab
