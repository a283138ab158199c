#pragma once
#include <nlohmann/json.hpp>
#include <string>

#include "app/panels/panel.hpp"

namespace lab::app {

class TrainPanel : public Panel {
 public:
  const char* title() const override { return "Train"; }
  const char* subtitle() const override { return "fit a model, watch it learn"; }
  void draw(AppContext& ctx) override;

 private:
  void draw_params(AppContext& ctx);
  void draw_progress(const TrainProgress& tp);
  void draw_run_name(AppContext& ctx, const std::string& algo);
  int algo_index_ = 0;
  nlohmann::json params_ = nlohmann::json::object();  // widget values, keyed by ParamSpec name
  double test_fraction_ = 0.2;  // double, so it is logged as 0.2, not 0.20000000298023224
  int seed_ = 42;
  char run_name_[96] = "";
  bool run_name_typed_ = false;  // until the participant types a name, it follows learner and dataset
  std::string error_;
  std::string warning_;
};

}  // namespace lab::app
