#pragma once
#include <string>

#include "app/panels/panel.hpp"

namespace lab::app {

class DataPanel : public Panel {
 public:
  const char* title() const override { return "Data"; }
  const char* subtitle() const override { return "generate the loan dataset"; }
  void draw(AppContext& ctx) override;

 private:
  int rows_ = 5000;
  int seed_ = 42;
  std::string error_;
};

}  // namespace lab::app
