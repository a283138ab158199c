#pragma once
// What every panel gets: the session to read, the dispatcher to issue commands through, and
// the platform's storage state. Panels never change model state directly.
#include <cstdint>
#include <functional>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "commands/dispatcher.hpp"
#include "commands/session.hpp"
#include "commands/site_update.hpp"
#include "core/models/learner.hpp"

namespace lab::app {

struct StorageStatus {
  enum class State { Loading, Saved, Pending, Saving, Unavailable, Error };
  State state = State::Loading;
  std::string message;       // the error, in words a participant can act on
  int64_t last_saved_ms = 0;
};
const char* to_string(StorageStatus::State s);

struct AppContext {
  const Session& session;
  Dispatcher& dispatcher;
  const StorageStatus& storage;
  float scale = 1.0f;  // DPI scale: multiply pixel sizes by it
  // The outcome of the last file import (file picker or drag and drop), shown by the Data panel.
  std::string import_message;
  bool import_failed = false;
  // A module that threw while drawing: what happened, shown above the module until dismissed.
  std::string draw_error;
  bool fail_next_draw = false;  // test hook for the recovery path (ui.simulate_draw_error)
  // Platform services a panel may ask for; empty where the platform has none (tests, native).
  std::function<void()> pick_csv_file;
  std::function<void(const std::string& filename, const std::string& text)> download_text;
  // Batch scoring (Serve panel): opens the platform's file picker; the page writes the chosen file
  // into the lab's file system and sends ui.serve {batch_file: {path, name}}.
  std::function<void()> pick_batch_csv;
  // The hosted site (browser only): version, offline copy, a newer version waiting. Null elsewhere.
  const SiteState* site = nullptr;
  // Guide (facilitators): opens the file picker for a track file; the page sends guide.load_track {path, name}.
  std::function<void()> pick_track_file;

  // Issues a command; on failure remembers the error for the panel to show.
  nlohmann::json run(const nlohmann::json& command, std::string* error_out);
};

// The task of the dataset's target (the participant's choice, data.set_task, or the rule); binary
// when there is no dataset or target yet, or the target cannot be read as one.
Task target_task(const AppContext& ctx);

}  // namespace lab::app
