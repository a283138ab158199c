#pragma once
// The Sync section of the Room module: where the room's MLflow is (URL, experiment, user,
// password, remember), Test connection, Sync now, and the sync's state with counts and the last
// problem in words. Every button goes through the sync.* commands.
#include "app/app_context.hpp"

namespace lab::app::room {

class SyncSection {
 public:
  void draw(AppContext& ctx);

 private:
  void load_form(const Session& s);
  bool configure(AppContext& ctx);  // sync.configure from the form; false (and error_ set) on a bad field

  bool loaded_ = false;
  char url_[512] = "", experiment_[256] = "", user_[128] = "", password_[128] = "";
  bool remember_ = false;
  std::string error_;
};

}  // namespace lab::app::room
