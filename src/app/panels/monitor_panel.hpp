#pragma once
// The Monitor module: production traffic on a simulated clock through a deployed endpoint, the
// request log per day (requests, 422 share, latency, accuracy once ground truth arrives, version
// changes marked), the drift report per input column, and the Prometheus text a scrape returns.
// Reads state and issues monitor.* commands only.
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "app/panels/panel.hpp"

namespace lab::app {

class MonitorPanel : public Panel {
 public:
  const char* title() const override { return "Monitor"; }
  const char* subtitle() const override { return "traffic, drift, metrics"; }
  void draw(AppContext& ctx) override;

 private:
  void refresh(AppContext& ctx);  // windows, drift and metrics when the store changed
  void draw_simulate(AppContext& ctx);
  void draw_alerts(AppContext& ctx);
  void draw_rules(AppContext& ctx);
  void draw_windows();
  void draw_drift();
  void draw_column_detail();
  void draw_metrics();
  void sort_drift_rows();  // drifted first, then by how far past the threshold
  void register_view_command(AppContext& ctx);  // ui.monitor: what the module shows, for tests
  bool registered_ = false;
  std::vector<size_t> drift_order_;  // rows of drift_["columns"] as the table shows them
  std::string selected_column_;     // the drift row clicked: its distributions are drawn below
  nlohmann::json charts_drawn_ = nlohmann::json::array();  // this frame's charts, for ui.monitor
  std::vector<std::string> endpoints_;
  std::string endpoint_;
  int scenario_ = 2;  // concept drift: the workshop's story
  int days_ = 14, requests_ = 1400, seed_ = 1;
  int drift_day_ = 0;  // the first day the scenario acts (1-based); 0: a third of the way in
  uint64_t seen_version_ = 0;
  std::string seen_endpoint_;
  nlohmann::json simulated_, windows_, drift_, alerts_, rules_;
  int new_metric_ = 0;          // the rule editor: metric, threshold, last N labelled requests
  double new_threshold_ = 0.7;
  int new_last_n_ = 200;
  std::string rule_error_;
  std::string metrics_, error_, drift_error_;
};

}  // namespace lab::app
