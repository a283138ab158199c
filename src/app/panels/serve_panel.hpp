#pragma once
#include <nlohmann/json.hpp>
#include <string>

#include "app/panels/panel.hpp"
#include "app/panels/serve_batch.hpp"

namespace lab::app {

class ServePanel : public Panel {
 public:
  const char* title() const override { return "Serve"; }
  const char* subtitle() const override { return "contract, predict, health"; }
  void draw(AppContext& ctx) override;

 private:
  void draw_deploy(AppContext& ctx);
  void draw_replace_confirmation(AppContext& ctx);
  void draw_endpoint_picker(AppContext& ctx);
  void refresh_deployed(AppContext& ctx);  // serve.list, when something was written
  void deploy(AppContext& ctx, bool replace);
  const nlohmann::json* deployed(const std::string& name) const;
  void draw_endpoint(AppContext& ctx);
  void draw_endpoint_data(AppContext& ctx);  // refreshes health, contract, log, presets when stale
  void send_request(AppContext& ctx, const std::string& endpoint);
  void draw_presets();
  bool load_preset(const std::string& name);  // false when unknown or not fitting
  void register_view_command(AppContext& ctx);
  bool registered_ = false;
  bool deployed_ = false;
  ServeBatch batch_;
  nlohmann::json presets_;     // serve.presets for the endpoint, refreshed with the contract
  std::string preset_;         // name of the preset last loaded into the editor
  std::string viewing_;            // the deployed endpoint shown below the form
  char endpoint_[64] = "";         // the deploy form's endpoint name
  std::string endpoint_filled_;    // the name the form last suggested; while endpoint_ holds it, it follows the model
  bool model_chosen_ = false;      // until chosen, the model follows the endpoint being viewed
  nlohmann::json deployed_list_ = nlohmann::json::array();  // serve.list's "deployed"
  uint64_t deployed_version_ = 0;
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
