#pragma once
// Compare selected runs: metric-vs-step charts (smoothing, log axis, optional grouping by a
// param as mean +/- std), a params diff table with differences highlighted, parallel
// coordinates over params and a metric, a param-vs-metric scatter, and a group summary table.
#include <map>

#include "app/panels/runs/explorer_state.hpp"

namespace lab::app::runs {

class CompareView {
 public:
  void draw(AppContext& ctx, ExplorerState& st);
  // {smoothing: 0..0.99, log_y: bool, group_by: "param" | "", metrics: [...]}
  void configure(const nlohmann::json& settings);

 private:
  struct Prepared {
    std::string label;
    std::vector<double> xs, ys, lo, hi;  // lo/hi: the group's mean -/+ std band
    unsigned int color = 0;
  };
  void prepare(const std::vector<const Run*>& runs, const std::string& signature);
  void draw_controls(const std::vector<const Run*>& runs, const ExplorerState& st);
  void draw_charts();
  void draw_params_diff(const std::vector<const Run*>& runs);
  void draw_parallel_and_scatter(const std::vector<const Run*>& runs, const ExplorerState& st);
  void draw_group_table(const std::vector<const Run*>& runs, const ExplorerState& st);

  // Settings.
  std::vector<std::string> chart_metrics_;
  bool metrics_chosen_ = false;
  float smoothing_ = 0;
  bool log_y_ = false;
  std::string group_by_;
  bool only_diff_ = true;
  std::string pc_metric_, scatter_param_, scatter_metric_;
  bool scatter_log_x_ = false;

  // Cache: prepared chart series per chart metric, rebuilt when the signature changes.
  std::string signature_;
  std::map<std::string, std::vector<Prepared>> charts_;
  std::vector<std::string> param_keys_, metric_keys_, step_metric_keys_;
  size_t selected_ = 0;
};

}  // namespace lab::app::runs
