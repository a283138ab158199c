#pragma once
// Where the tab syncs to: the room's MLflow URL, the remote experiment, and the optional
// credentials of MLflow's basic-auth app. Kept beside the store ("<store>-sync/settings.json") so a
// reload keeps them; the password is written only when the participant ticks "remember".
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>

namespace lab {

struct SyncSettings {
  std::string url;         // the server root, e.g. http://127.0.0.1:8080 (the page's own origin when proxied)
  std::string experiment;  // the remote experiment (created if missing)
  std::string user;        // basic-auth user and the runs' mlflow.user on the server ("" keeps each run's own)
  std::string password;
  bool remember = false;   // write the password to storage too
  bool configured() const { return !url.empty() && !experiment.empty(); }
};

// Checks what a participant typed; throws std::invalid_argument saying what to fix.
// Trailing slashes are dropped from the URL.
SyncSettings validated(SyncSettings s);

// What goes to storage: the password only with remember.
nlohmann::json to_stored_json(const SyncSettings& s);
SyncSettings settings_from_json(const nlohmann::json& j);

std::filesystem::path settings_path(const std::filesystem::path& store_root);

}  // namespace lab
