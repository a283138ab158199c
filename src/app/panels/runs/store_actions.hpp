#pragma once
#include "app/panels/runs/explorer_state.hpp"

namespace lab::app::runs {

// The experiment picker (select, new, rename, delete) and the archive row (download the store
// as an MLflow mlruns/ tar, optionally with artifact URIs pointed at the folder it will be
// unpacked to; import one; how to open it in mlflow ui). Browser file transfer goes through
// the platform's ui.download / ui.upload commands.
class StoreActions {
 public:
  void draw(AppContext& ctx, ExplorerState& st);
  // What the Download button does: export (with the unpack folder if one is given) and hand the
  // archive to the browser. Also reachable through ui.runs {download: true}.
  void download(AppContext& ctx, ExplorerState& st);
  // The unpack-folder field (ui.runs {artifact_root}); the reason it is invalid, or "".
  void set_artifact_root(const std::string& folder);
  std::string artifact_root_error() const { return checked_root().second; }

 private:
  std::pair<std::string, std::string> checked_root() const;  // {normalized folder or "", error or ""}
  void draw_experiments(ExplorerState& st, float fh);
  void draw_archive(AppContext& ctx, ExplorerState& st, float fh);
  void poll_upload(AppContext& ctx, ExplorerState& st);

  char artifact_root_[512] = "";  // where the archive's mlruns/ will be unpacked; empty = as stored
  std::vector<Experiment> experiments_;
  std::string current_id_;
  uint64_t experiments_version_ = 0;
  char new_name_[200] = "";
  bool waiting_upload_ = false;
};

}  // namespace lab::app::runs
