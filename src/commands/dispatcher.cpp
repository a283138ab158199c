#include "commands/dispatcher.hpp"

#include "commands/command_areas.hpp"
#include "commands/user_error.hpp"
#include "core/data/text_encoding.hpp"

namespace lab {

using nlohmann::json;

#ifndef LAB_VERSION
#define LAB_VERSION "0.1.0-dev"
#endif
const char* lab_version() { return LAB_VERSION; }

std::string safe_dump(const json& j, int indent) {
  // Strings are valid UTF-8 by construction (files are decoded at import); a stray byte still
  // becomes U+FFFD instead of an exception.
  return j.dump(indent, ' ', false, json::error_handler_t::replace);
}

Dispatcher::Dispatcher(Session& s) : session_(s) {
  add("help", "list the commands", [this](const json&) {
    json list = json::array();
    for (const auto& [name, e] : handlers_) list.push_back({{"cmd", name}, {"help", e.help}});
    return json{{"commands", list}};
  });
  add("version", "the lab's version", [](const json&) { return json{{"version", lab_version()}}; });
  register_data_commands(*this, session_);
  register_train_commands(*this, session_);
  register_runs_commands(*this, session_);
  register_registry_commands(*this, session_);
  register_eval_commands(*this, session_);
  register_serve_commands(*this, session_);
  register_experiment_commands(*this, session_);
  register_store_commands(*this, session_);
  register_sync_commands(*this, session_);
  register_monitor_commands(*this, session_);
  register_explain_commands(*this, session_);
  register_explore_commands(*this, session_);
  register_tune_commands(*this, session_);
  register_automl_commands(*this, session_);
  register_search_commands(*this, session_);
  register_recipe_commands(*this, session_);
  register_jobs_commands(*this, session_);
  register_notebook_commands(*this, session_);
  register_guide_commands(*this, session_);
}

void Dispatcher::add(const std::string& name, const std::string& help, Handler h) {
  handlers_[name] = Entry{help, std::move(h)};
}

std::vector<std::string> Dispatcher::names() const {
  std::vector<std::string> out;
  for (const auto& [n, e] : handlers_) out.push_back(n);
  return out;
}

json Dispatcher::handle(const json& command) {
  std::string name;
  try {
    if (!command.is_object())
      return {{"ok", false}, {"error", "a command must be a JSON object like {\"cmd\": \"version\"}"}};
    if (!command.contains("cmd") || !command["cmd"].is_string())
      return {{"ok", false}, {"error", "missing \"cmd\": say which command to run, e.g. {\"cmd\": \"help\"}"}};
    name = command["cmd"].get<std::string>();
    auto it = handlers_.find(name);
    if (it == handlers_.end())
      return {{"ok", false}, {"cmd", name}, {"error", "unknown command '" + name + "'; send {\"cmd\": \"help\"} for the list"}};
    json reply = it->second.run(command);
    // A handler may report a failure it still has details for (e.g. a run that ended FAILED).
    if (!reply.contains("ok")) reply["ok"] = true;
    reply["cmd"] = name;
    return reply;
  } catch (const std::exception& e) {
    return {{"ok", false}, {"cmd", to_valid_utf8(name)},
            {"error", user_error_message(e, name.empty() ? "the command" : "the command '" + name + "'")}};
  } catch (...) {
    return {{"ok", false}, {"cmd", to_valid_utf8(name)}, {"error", "the command failed with an unknown error"}};
  }
}

std::string Dispatcher::handle_text(const std::string& text) {
  json cmd;
  try {
    cmd = json::parse(text);
  } catch (const json::parse_error& e) {
    // nlohmann's own wording stays out of replies; the position is what helps.
    return safe_dump(json{{"ok", false},
                          {"error", "the command is not valid JSON (the problem is at character " + std::to_string(e.byte) +
                                        "; text must be UTF-8); send an object like {\"cmd\": \"version\"}"}});
  }
  return safe_dump(handle(cmd));
}

}  // namespace lab
