#pragma once
#include "app/panels/runs/explorer_state.hpp"

namespace lab::app::runs {

// The focused run: rename, notes (mlflow.note.content), delete/restore, lineage, params and
// its metric curves. Edits are queued as commands (st.pending).
class RunDetails {
 public:
  void draw(AppContext& ctx, ExplorerState& st);

 private:
  void draw_run_id(const std::string& id, float width);

  std::string loaded_for_;  // the run whose name/note fill the edit boxes
  char name_[256] = "";
  char note_[4096] = "";
  char id_buf_[64] = "";  // the read-only id field's text
  std::vector<std::vector<double>> xs_, ys_;
  std::vector<std::string> keys_;
  uint64_t curves_version_ = 0;
};

}  // namespace lab::app::runs
