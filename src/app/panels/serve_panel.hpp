#pragma once
#include <nlohmann/json.hpp>
#include <string>

#include "app/panels/panel.hpp"

namespace lab::app {

class ServePanel : public Panel {
 public:
  const char* title() const override { return "Serve"; }
  const char* subtitle() const override { return "contract, predict, health"; }
  void draw(AppContext& ctx) override;

 private:
  void draw_deploy(AppContext& ctx);
  void draw_endpoint(AppContext& ctx);
  char endpoint_[64] = "loan-api";
  char alias_[64] = "champion";
  char challenger_[64] = "challenger";
  float share_ = 0.0f;
  int fallback_ = 0;
  bool warn_out_of_range_ = false;
  std::string request_text_;
  std::string request_for_;  // endpoint whose example pre-filled the editor
  nlohmann::json response_;
  std::string error_;
  std::string model_;
  bool failing_ = false;
  uint64_t cached_version_ = 0;
  std::string cached_endpoint_;
  nlohmann::json health_, contract_, log_;
};

}  // namespace lab::app
