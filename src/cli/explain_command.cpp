#include "cli/explain_command.hpp"

#include <cstdio>
#include <iostream>
#include <stdexcept>

namespace lab {

using nlohmann::json;

namespace {

std::string flag(const std::map<std::string, std::string>& f, const char* name, const std::string& fallback) {
  auto it = f.find(name);
  return it == f.end() ? fallback : it->second;
}

int64_t whole_number(const std::map<std::string, std::string>& f, const char* name, int64_t fallback) {
  const std::string v = flag(f, name, "");
  if (v.empty()) return fallback;
  try {
    size_t used = 0;
    const long long n = std::stoll(v, &used);
    if (used != v.size()) throw std::invalid_argument("");
    return n;
  } catch (...) {
    throw std::invalid_argument(std::string("--") + name + " expects a whole number, got '" + v + "'");
  }
}

void print_explanation(const json& r) {
  std::printf("run %s, held-out row %lld of %lld (method %s)\n", r["run_id"].get<std::string>().c_str(),
              (long long)r["row"].get<int64_t>(), (long long)r["rows"].get<int64_t>(), r["method"].get<std::string>().c_str());
  const std::string answer = r["answer"].get<std::string>();
  std::printf("%-36s %10.4f\n", ("base " + answer).c_str(), r["base"].get<double>());
  for (const auto& e : r["effects"]) {
    const std::string label = e["feature"].get<std::string>() + " = " + e["value"].get<std::string>();
    std::printf("  %-34s %+10.4f\n", label.c_str(), e["step"].get<double>());
  }
  std::printf("%-36s %10.4f\n", answer.c_str(), r["output"].get<double>());
  for (const auto& s : r["sentences"]) std::printf("- %s\n", s.get<std::string>().c_str());
}

void print_importance(const json& r) {
  std::printf("run %s: drop in %s (baseline %.4f) on %lld held-out rows, %lld repeats\n",
              r["run_id"].get<std::string>().c_str(), r["metric"].get<std::string>().c_str(), r["baseline"].get<double>(),
              (long long)r["rows"].get<int64_t>(), (long long)r["repeats"].get<int64_t>());
  for (const auto& f : r["features"])
    std::printf("  %-30s %+9.4f +/- %.4f\n", f["feature"].get<std::string>().c_str(), f["mean"].get<double>(),
                f["std"].get<double>());
}

}  // namespace

int explain_command(Dispatcher& d, const std::string& verb, const std::map<std::string, std::string>& flags) {
  const std::string run = flag(flags, "run", "");
  if (run.empty()) throw std::invalid_argument("lab " + verb + " needs --run RUN_ID (lab cmd '{\"cmd\":\"runs.list\"}' lists them)");
  json cmd;
  if (verb == "explain") {
    if (!flags.count("row")) throw std::invalid_argument("lab explain needs --row N (a held-out row, from 0)");
    cmd = {{"cmd", "explain.row"}, {"run_id", run}, {"row", whole_number(flags, "row", 0)}, {"method", flag(flags, "method", "auto")}};
  } else {
    cmd = {{"cmd", "explain.importance"}, {"run_id", run}, {"repeats", whole_number(flags, "repeats", 5)},
           {"seed", whole_number(flags, "seed", 0)}};
  }
  const json reply = d.handle(cmd);
  const bool ok = reply.value("ok", false);
  if (flags.count("json") || !ok) {
    std::cout << safe_dump(reply, 2) << "\n";
    return ok ? 0 : 1;
  }
  if (verb == "explain") print_explanation(reply);
  else print_importance(reply);
  return 0;
}

}  // namespace lab
