#include "cli/explain_command.hpp"

#include <algorithm>
#include <cmath>
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
    const std::string label =
        e.contains("label") ? e["label"].get<std::string>() : e["feature"].get<std::string>() + " = " + e["value"].get<std::string>();
    std::printf("  %-34s %+10.4f\n", label.c_str(), e["step"].get<double>());
  }
  std::printf("%-36s %10.4f\n", answer.c_str(), r["output"].get<double>());
  for (const auto& s : r["sentences"]) std::printf("- %s\n", s.get<std::string>().c_str());
}

void print_lime(const json& r) {
  std::printf("run %s, held-out row %lld of %lld (LIME, %lld samples, seed %lld)\n", r["run_id"].get<std::string>().c_str(),
              (long long)r["row"].get<int64_t>(), (long long)r["rows"].get<int64_t>(), (long long)r["samples"].get<int64_t>(),
              (long long)r["seed"].get<int64_t>());
  const std::string answer = r["answer"].get<std::string>();
  std::printf("model's %s %.4f; LIME's local model %.4f (fidelity R^2 %.3f)\n", answer.c_str(),
              r["model_output"].get<double>(), r["local_pred"].get<double>(), r["score"].get<double>());
  for (const auto& f : r["features"])
    std::printf("  %-40s %+10.4f\n", f["condition"].get<std::string>().c_str(), f["weight"].get<double>());
}

void print_importance(const json& r) {
  std::printf("run %s: drop in %s (baseline %.4f) on %lld held-out rows, %lld repeats\n",
              r["run_id"].get<std::string>().c_str(), r["metric"].get<std::string>().c_str(), r["baseline"].get<double>(),
              (long long)r["rows"].get<int64_t>(), (long long)r["repeats"].get<int64_t>());
  for (const auto& f : r["features"])
    std::printf("  %-30s %+9.4f +/- %.4f\n", f["feature"].get<std::string>().c_str(), f["mean"].get<double>(),
                f["std"].get<double>());
}

// The average answer per grid value with a bar, so the shape reads in a terminal.
void print_pdp(const json& r) {
  std::printf("run %s: partial dependence of the %s on %s over %lld held-out rows\n", r["run_id"].get<std::string>().c_str(),
              r["answer"].get<std::string>().c_str(), r["feature"].get<std::string>().c_str(), (long long)r["rows"].get<int64_t>());
  const auto& avg = r["average"];
  double lo = avg[0].get<double>(), hi = lo;
  for (const auto& v : avg) lo = std::min(lo, v.get<double>()), hi = std::max(hi, v.get<double>());
  const bool categorical = r["kind"] == "category";
  for (size_t i = 0; i < avg.size(); ++i) {
    const double v = avg[i].get<double>();
    const int bar = hi > lo ? int(std::lround((v - lo) / (hi - lo) * 30)) : 0;
    char number[32];
    std::snprintf(number, sizeof number, "%.4g", categorical ? 0.0 : r["grid"][i].get<double>());
    const std::string at = categorical ? r["categories"][i].get<std::string>() : number;
    std::printf("  %-24s %10.4f  %s\n", at.c_str(), v, std::string(size_t(bar), '#').c_str());
  }
  std::printf("%s\n", r["summary"].get<std::string>().c_str());
}

}  // namespace

int explain_command(Dispatcher& d, const std::string& verb, const std::map<std::string, std::string>& flags) {
  const std::string run = flag(flags, "run", "");
  if (run.empty()) throw std::invalid_argument("lab " + verb + " needs --run RUN_ID (lab cmd '{\"cmd\":\"runs.list\"}' lists them)");
  json cmd;
  if (verb == "explain") {
    if (!flags.count("row")) throw std::invalid_argument("lab explain needs --row N (a held-out row, from 0)");
    cmd = {{"cmd", "explain.row"}, {"run_id", run}, {"row", whole_number(flags, "row", 0)}, {"method", flag(flags, "method", "auto")}};
    if (flags.count("seed")) cmd["seed"] = whole_number(flags, "seed", 0);
  } else if (verb == "pdp") {
    if (!flags.count("feature")) throw std::invalid_argument("lab pdp needs --feature F (one of the run's input columns)");
    cmd = {{"cmd", "explain.pdp"}, {"run_id", run}, {"feature", flag(flags, "feature", "")}, {"grid", whole_number(flags, "grid", 30)},
           {"rows", whole_number(flags, "rows", 1000)}};
    if (flags.count("class")) cmd["class"] = flag(flags, "class", "");
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
  if (verb == "explain" && reply.value("method", "") == "lime") print_lime(reply);
  else if (verb == "explain") print_explanation(reply);
  else if (verb == "pdp") print_pdp(reply);
  else print_importance(reply);
  return 0;
}

}  // namespace lab
