#include "cli/monitor_command.hpp"

#include <iostream>
#include <stdexcept>

namespace lab {

using nlohmann::json;

namespace {

json number_flag(const std::map<std::string, std::string>& flags, const std::string& name) {
  auto it = flags.find(name);
  json v = json::parse(it->second, nullptr, false);
  if (!v.is_number_integer()) throw std::invalid_argument("--" + name + " expects a whole number, got '" + it->second + "'");
  return v;
}

int print(const json& reply) {
  std::cout << safe_dump(reply, 2) << "\n";
  return reply.value("ok", false) ? 0 : 1;
}

}  // namespace

int monitor_command(Dispatcher& d, const std::vector<std::string>& args, const std::map<std::string, std::string>& flags) {
  if (args.empty()) throw std::invalid_argument("lab monitor needs simulate, windows, metrics, ground-truth, alerts or rule");
  const std::string& what = args[0];
  auto it = flags.find("endpoint");
  if (it == flags.end()) throw std::invalid_argument("lab monitor " + what + " needs --endpoint NAME (see lab cmd '{\"cmd\":\"serve.list\"}')");
  json cmd = {{"endpoint", it->second}};
  if (what == "simulate") {
    cmd["cmd"] = "monitor.simulate";
    if (flags.count("scenario")) cmd["scenario"] = flags.at("scenario");
    if (flags.count("feature")) cmd["feature"] = flags.at("feature");
    for (const auto& [flag, field] : std::map<std::string, std::string>{
             {"days", "days"}, {"requests", "requests"}, {"seed", "seed"}, {"drift-day", "drift_day"},
             {"ramp-days", "ramp_days"}, {"label-delay-days", "label_delay_days"}})
      if (flags.count(flag)) cmd[field] = number_flag(flags, flag);
    return print(d.handle(cmd));
  }
  if (what == "windows") {
    cmd["cmd"] = "monitor.windows";
    if (flags.count("window")) cmd["window"] = flags.at("window");
    return print(d.handle(cmd));
  }
  if (what == "metrics") {
    cmd["cmd"] = "monitor.metrics";
    json r = d.handle(cmd);
    if (!r.value("ok", false)) return print(r);
    std::cout << r["text"].get<std::string>();
    return 0;
  }
  if (what == "ground-truth") {
    if (!flags.count("request-id") || !flags.count("actual"))
      throw std::invalid_argument("lab monitor ground-truth needs --request-id ID --actual VALUE");
    json actual = json::parse(flags.at("actual"), nullptr, false);
    if (actual.is_discarded() || !(actual.is_number() || actual.is_string())) actual = flags.at("actual");
    cmd["cmd"] = "monitor.ground_truth";
    cmd["request_id"] = flags.at("request-id");
    cmd["actual"] = actual;
    return print(d.handle(cmd));
  }
  if (what == "alerts") {  // evaluates the rules over the log, then lists every alert
    cmd["cmd"] = "monitor.alerts";
    return print(d.handle(cmd));
  }
  if (what == "rule") {  // lab monitor rule --endpoint E --metric accuracy --threshold 0.7 [--last-n 200]
    if (!flags.count("metric") || !flags.count("threshold"))
      throw std::invalid_argument("lab monitor rule needs --metric NAME --threshold NUMBER [--last-n N]");
    json threshold = json::parse(flags.at("threshold"), nullptr, false);
    if (!threshold.is_number()) throw std::invalid_argument("--threshold expects a number, got '" + flags.at("threshold") + "'");
    cmd["cmd"] = "monitor.rule.add";
    cmd["metric"] = flags.at("metric");
    cmd["threshold"] = threshold;
    if (flags.count("last-n")) cmd["last_n"] = number_flag(flags, "last-n");
    return print(d.handle(cmd));
  }
  throw std::invalid_argument("unknown 'lab monitor " + what + "'; use simulate, windows, metrics, ground-truth, alerts or rule");
}

}  // namespace lab
