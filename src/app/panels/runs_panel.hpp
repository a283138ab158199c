#pragma once
#include <string>
#include <vector>

#include "app/panels/panel.hpp"

namespace lab::app {

class RunsPanel : public Panel {
 public:
  const char* title() const override { return "Runs"; }
  const char* subtitle() const override { return "all runs, saved locally"; }
  void draw(AppContext& ctx) override;

 private:
  std::string selected_;
  std::vector<double> train_loss_, val_loss_;  // the selected run's curves, rebuilt each frame
};

}  // namespace lab::app
