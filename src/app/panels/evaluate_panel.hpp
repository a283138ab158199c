#pragma once
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "app/panels/panel.hpp"
#include "core/eval/confusion_summary.hpp"

namespace lab::app {

class EvaluatePanel : public Panel {
 public:
  const char* title() const override { return "Evaluate"; }
  const char* subtitle() const override { return "thresholds, costs"; }
  void draw(AppContext& ctx) override;

 private:
  void draw_binary(AppContext& ctx);
  void draw_multiclass();
  void draw_per_class(const std::vector<std::string>& names, const ConfusionSummary& s);
  void draw_regression();
  void draw_compare_and_champion(AppContext& ctx, const std::vector<const Run*>& runs);
  std::string run_id_, other_run_id_;
  float threshold_ = 0.5f;
  float cost_fp_ = 1.0f, cost_fn_ = 1.0f;
  // The evaluation of the selected run, recomputed only when the run, threshold or costs change.
  nlohmann::json eval_, compare_, champion_;
  std::string evaluated_key_;
  std::string evaluated_run_;  // the run eval_'s curves belong to
  int champion_metric_ = 0;
  // The run's class names as Explore shows them: "declined (0)" where the data says what 0 means.
  std::vector<std::string> class_labels_;
  std::vector<double> roc_x_, roc_y_, pr_x_, pr_y_, cal_x_, cal_y_, actual_, predicted_, residual_;
  std::string error_;
};

}  // namespace lab::app
