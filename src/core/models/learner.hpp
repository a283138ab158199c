#pragma once
// The contract every learner follows so long training never freezes the tab: the app calls
// step() inside a per-frame time budget (live curves, Cancel works), the CLI loops to the end.
#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "core/models/matrix.hpp"
#include "core/models/param_spec.hpp"

namespace lab {

enum class Task { Binary, Multiclass, Regression };
const char* to_string(Task t);

struct TaskInfo {
  Task task = Task::Binary;
  int n_classes = 2;  // classification: labels are 0 .. n_classes-1 (as doubles)
  uint64_t seed = 0;  // for learners that draw random numbers (forests, subsampling)
};

struct StepReport {
  int step = 0;
  double train_loss = 0;  // the learner's own objective on the training rows
  double val_loss = 0;    // the same on the validation rows (= train_loss when there are none)
};

class Learner {
 public:
  virtual ~Learner() = default;
  virtual std::string algo() const = 0;
  // X rows are already transformed by the feature pipeline. X_val may have zero rows.
  // X_val is for watching only (the loss curve) unless validation_fraction() > 0: then the
  // learner may let it steer the fit (early stopping), and the caller must cut it from the
  // training rows, never from the rows it reports test metrics on.
  virtual void begin(const DenseMatrix& X, const std::vector<double>& y, const DenseMatrix& X_val,
                     const std::vector<double>& y_val, const TaskInfo& task) = 0;
  // The share of the training rows this learner wants held out as its validation set, known
  // from its params before begin(); 0 = it fits on every row and X_val only feeds the curve.
  virtual double validation_fraction() const { return 0.0; }
  virtual StepReport step() = 0;
  // A bounded part of the next step, for a caller that must not be held up long (the app gives
  // training a few ms per frame): the step's report once this part completed the step, nothing
  // while the step goes on. Calling it until a report comes is step(), with the same result.
  // Learners whose steps are short anyway keep this default: the whole step at once.
  virtual std::optional<StepReport> step_part() { return step(); }
  virtual bool done() const = 0;
  virtual double progress() const = 0;  // 0..1
  // Binary: n x 1 probability of class 1. Multiclass: n x k class probabilities.
  // Regression: n x 1 predicted values.
  virtual DenseMatrix predict(const DenseMatrix& X) const = 0;
  virtual nlohmann::json to_json() const = 0;  // reloads through learner_from_json()

  // A model document too large to write in one unit of work (a forest of deep trees at a million
  // rows) names its long list here; the writer (core/pipeline/model_text.hpp) then dumps
  // to_json_without_list() and the list's items one per call. Default: no list, to_json() is all.
  struct JsonList {
    std::string key;
    size_t size = 0;
  };
  virtual JsonList json_list() const { return {}; }
  virtual nlohmann::json json_list_item(size_t) const { return nullptr; }
  virtual nlohmann::json to_json_without_list() const { return to_json(); }  // the list's key maps to []
};

}  // namespace lab
