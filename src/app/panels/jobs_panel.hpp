#pragma once
// The Jobs module: jobs made of the lab's own commands and the record of every run. A retraining
// job (new here, for a deployed endpoint) trains the champion's recipe again on recent labelled
// requests when an alert rule fires, on a schedule of the simulated clock or by hand; the list
// runs one now; a run waiting for approval gets Approve / Reject; the history shows each run's
// status, trigger, days, outcome, and for the one chosen its log, runs and versions.
// Reads state and issues jobs.* commands only.
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "app/panels/panel.hpp"

namespace lab::app {

class JobsPanel : public Panel {
 public:
  const char* title() const override { return "Jobs"; }
  const char* subtitle() const override { return "retraining, schedules"; }
  void draw(AppContext& ctx) override;

 private:
  void refresh(AppContext& ctx);
  void draw_new_job(AppContext& ctx);
  void draw_waiting(AppContext& ctx);
  void draw_jobs(AppContext& ctx);
  void draw_history();
  void draw_run_detail(AppContext& ctx);
  uint64_t seen_version_ = 0;
  std::vector<std::string> endpoints_;
  std::string endpoint_, rules_endpoint_;
  nlohmann::json jobs_, runs_, rules_;
  int trigger_ = 1;  // 0 by hand, 1 an alert rule, 2 a schedule
  int rule_ = 0, every_days_ = 7, window_days_ = 7;
  bool auto_promote_ = false;
  std::string selected_run_;
  std::string error_;
};

}  // namespace lab::app
