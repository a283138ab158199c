#pragma once
// The contract every learner follows so long training never freezes the tab: the app calls
// step() inside a per-frame time budget (live curves, Cancel works), the CLI loops to the end.
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "core/models/matrix.hpp"
#include "core/models/param_spec.hpp"

namespace lab {

struct StepReport {
  int step = 0;
  double train_loss = 0;
  double val_loss = 0;
};

class Learner {
 public:
  virtual ~Learner() = default;
  virtual std::string algo() const = 0;
  // X rows are already transformed by the feature pipeline; y holds 0/1 labels.
  virtual void begin(const DenseMatrix& X, const std::vector<double>& y, const DenseMatrix& X_val,
                     const std::vector<double>& y_val) = 0;
  virtual StepReport step() = 0;
  virtual bool done() const = 0;
  virtual double progress() const = 0;  // 0..1
  virtual std::vector<double> predict_proba(const DenseMatrix& X) const = 0;
  virtual nlohmann::json to_json() const = 0;
};

}  // namespace lab
