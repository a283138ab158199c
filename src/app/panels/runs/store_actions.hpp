#pragma once
#include "app/panels/runs/explorer_state.hpp"

namespace lab::app::runs {

// The experiment picker (select, new, rename, delete) and the archive buttons (download the
// store as an MLflow mlruns/ tar, import one). Browser file transfer goes through the
// platform's ui.download / ui.upload commands.
class StoreActions {
 public:
  void draw(AppContext& ctx, ExplorerState& st);

 private:
  std::vector<Experiment> experiments_;
  uint64_t experiments_version_ = 0;
  char new_name_[200] = "";
  bool waiting_upload_ = false;
};

}  // namespace lab::app::runs
