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
  int algo_index_ = 0;
  nlohmann::json params_ = nlohmann::json::object();  // widget values, keyed by ParamSpec name
  float test_fraction_ = 0.2f;
  int seed_ = 42;
  char run_name_[96] = "";
  std::string error_;
  std::string warning_;
};

}  // namespace lab::app
