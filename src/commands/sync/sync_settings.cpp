#include "commands/sync/sync_settings.hpp"

#include <stdexcept>

namespace lab {

SyncSettings validated(SyncSettings s) {
  while (!s.url.empty() && (s.url.back() == '/' || s.url.back() == ' ')) s.url.pop_back();
  while (!s.url.empty() && s.url.front() == ' ') s.url.erase(s.url.begin());
  if (s.url.empty()) throw std::invalid_argument("the server URL is empty; write the room's MLflow address, e.g. http://127.0.0.1:5000");
  const auto scheme_end = s.url.find("://");
  const std::string scheme = scheme_end == std::string::npos ? "" : s.url.substr(0, scheme_end);
  if (scheme != "http" && scheme != "https")
    throw std::invalid_argument("'" + s.url + "' is not a server URL; write it like http://127.0.0.1:5000 (with http:// or https://)");
  if (s.url.size() <= scheme_end + 3 || s.url[scheme_end + 3] == '/')
    throw std::invalid_argument("'" + s.url + "' names no host; write it like http://127.0.0.1:5000");
  if (s.experiment.empty())
    throw std::invalid_argument("the experiment name is empty; name the room's experiment, e.g. \"churn lab\"");
  if (s.experiment.size() > 500) throw std::invalid_argument("the experiment name is longer than MLflow accepts (500 characters)");
  if (s.password.size() && s.user.empty()) throw std::invalid_argument("a password was given without a user name; enter both or neither");
  return s;
}

nlohmann::json to_stored_json(const SyncSettings& s) {
  nlohmann::json j = {{"url", s.url}, {"experiment", s.experiment}, {"user", s.user}, {"remember", s.remember}};
  if (s.remember) j["password"] = s.password;
  return j;
}

SyncSettings settings_from_json(const nlohmann::json& j) {
  SyncSettings s;
  if (!j.is_object()) return s;
  s.url = j.value("url", "");
  s.experiment = j.value("experiment", "");
  s.user = j.value("user", "");
  s.remember = j.value("remember", false);
  if (s.remember) s.password = j.value("password", "");
  return s;
}

std::filesystem::path settings_path(const std::filesystem::path& store_root) {
  std::filesystem::path base = store_root;
  if (base.filename().empty()) base = base.parent_path();
  return std::filesystem::path(base.string() + "-sync") / "settings.json";
}

}  // namespace lab
