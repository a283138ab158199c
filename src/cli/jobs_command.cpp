#include "cli/jobs_command.hpp"

#include <iostream>
#include <stdexcept>

namespace lab {

using nlohmann::json;

namespace {

json number_flag(const std::map<std::string, std::string>& flags, const std::string& name) {
  json v = json::parse(flags.at(name), nullptr, false);
  if (!v.is_number()) throw std::invalid_argument("--" + name + " expects a number, got '" + flags.at(name) + "'");
  return v;
}

int print(const json& reply) {
  std::cout << safe_dump(reply, 2) << "\n";
  return reply.value("ok", false) ? 0 : 1;
}

}  // namespace

int jobs_command(Dispatcher& d, const std::vector<std::string>& args, const std::map<std::string, std::string>& flags) {
  if (args.empty()) throw std::invalid_argument("lab jobs needs list, create, run, approve, reject, history or wait");
  const std::string& what = args[0];
  auto opt = [&](const char* name) { return flags.count(name) ? json(flags.at(name)) : json(); };
  if (what == "list") return print(d.handle({{"cmd", "jobs.list"}}));
  if (what == "history") return print(d.handle({{"cmd", "jobs.history"}, {"job", opt("job")}}));
  if (what == "wait") return print(d.handle({{"cmd", "jobs.wait"}}));
  if (what == "approve" || what == "reject") return print(d.handle({{"cmd", "jobs." + what}, {"run", opt("run")}}));
  if (what == "run") {
    if (!flags.count("job")) throw std::invalid_argument("lab jobs run needs --job ID (lab jobs list names them)");
    return print(d.handle({{"cmd", "jobs.run"}, {"job", flags.at("job")}, {"wait", true}}));
  }
  if (what == "create") {
    if (!flags.count("endpoint")) throw std::invalid_argument("lab jobs create needs --endpoint NAME");
    json cmd = {{"cmd", "jobs.create"}, {"kind", "retrain"}, {"endpoint", flags.at("endpoint")}};
    if (flags.count("name")) cmd["name"] = flags.at("name");
    const std::string trigger = flags.count("trigger") ? flags.at("trigger") : "manual";
    cmd["trigger"] = {{"kind", trigger}};
    if (flags.count("rule")) cmd["trigger"]["rule_id"] = flags.at("rule");
    if (flags.count("every-days")) cmd["trigger"]["every_days"] = number_flag(flags, "every-days");
    if (flags.count("window-days")) cmd["window_days"] = number_flag(flags, "window-days");
    if (flags.count("margin")) cmd["margin"] = number_flag(flags, "margin");
    if (flags.count("reference-share")) cmd["reference_share"] = number_flag(flags, "reference-share");
    if (flags.count("auto-promote")) {
      const std::string v = flags.at("auto-promote");
      if (v != "true" && v != "false") throw std::invalid_argument("--auto-promote expects true or false");
      cmd["auto_promote"] = v == "true";
    }
    return print(d.handle(cmd));
  }
  throw std::invalid_argument("unknown 'lab jobs " + what + "'; use list, create, run, approve, reject, history or wait");
}

}  // namespace lab
