#pragma once
// One command vocabulary for the whole lab. A command is a JSON object {"cmd": "<name>", ...};
// the reply is {"ok": true, ...} or {"ok": false, "error": "<what was wrong and how to fix it>"}.
// UI buttons, the `lab` CLI, pipeline files and the browser test hook all come through here.
#include <functional>
#include <map>
#include <nlohmann/json.hpp>
#include <string>

#include "commands/session.hpp"

namespace lab {

class Dispatcher {
 public:
  using Handler = std::function<nlohmann::json(const nlohmann::json& args)>;

  explicit Dispatcher(Session& session);

  // Never throws: every failure becomes an error reply.
  nlohmann::json handle(const nlohmann::json& command);
  std::string handle_text(const std::string& command_json);

  // Platforms add their own commands (e.g. storage.status in the browser).
  void add(const std::string& name, const std::string& help, Handler h);
  std::vector<std::string> names() const;
  bool has(const std::string& name) const { return handlers_.count(name) != 0; }

 private:
  struct Entry {
    std::string help;
    Handler run;
  };
  Session& session_;
  std::map<std::string, Entry> handlers_;
};

// JSON text for the outside world: never throws on invalid UTF-8 (such bytes become U+FFFD).
std::string safe_dump(const nlohmann::json& j, int indent = -1);

// The version string shown in the status bar and by `lab version`.
const char* lab_version();

}  // namespace lab
