#pragma once
#include <string>

#include "app/panels/panel.hpp"
#include "app/panels/registry_gates.hpp"

namespace lab::app {

class RegistryPanel : public Panel {
 public:
  const char* title() const override { return "Registry"; }
  const char* subtitle() const override { return "versions, aliases, rollback"; }
  void draw(AppContext& ctx) override;

 private:
  void draw_register(AppContext& ctx);
  void draw_model(AppContext& ctx, const RegisteredModel& m);
  void draw_version(AppContext& ctx, const RegisteredModel& m, const ModelVersion& v);
  void register_run(AppContext& ctx, const std::string& model, const std::string& run_id, bool new_model);
  void register_view_command(AppContext& ctx);
  bool registered_ = false;
  std::string selected_model_;
  int selected_version_ = 0;
  int register_run_ = 0;
  char new_model_name_[128] = "loan-approval";
  char alias_[64] = "champion";
  char comment_[160] = "";
  int stage_ = 2;  // Production
  bool archive_existing_ = true;
  ModelCard card_edit_;
  int card_loaded_for_ = -1;
  std::string error_, notice_;  // of Register (shown under it)
  std::string action_error_;    // of the version's actions (shown under them, so rows never move)
  RegistryGates gates_;
  std::string mix_suggestion_;  // after a refused mix: a new model name to offer
};

}  // namespace lab::app
