#include "cli/drift_command.hpp"

#include <cstdio>
#include <fstream>
#include <iostream>
#include <sstream>
#include <stdexcept>

#include "commands/dispatcher.hpp"
#include "core/data/csv_parser.hpp"
#include "core/data/text_encoding.hpp"
#include "core/monitor/drift_report.hpp"

namespace lab {

namespace {

Table read_csv_file(const std::string& path, const char* which) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::invalid_argument(std::string("cannot open the ") + which + " file '" + path + "'");
  std::stringstream ss;
  ss << in.rdbuf();
  try {
    return parse_csv(decode_text_file(ss.str()).text);
  } catch (const std::invalid_argument& e) {
    throw std::invalid_argument(std::string("the ") + which + " file '" + path + "': " + e.what());
  }
}

std::string cell(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.6g", v);
  return buf;
}

void print_table(const DriftReport& r) {
  std::printf("%-24s %-12s %-14s %12s %14s %10s  %s\n", "column", "type", "test", "statistic", "p_value/dist", "threshold",
              "drifted");
  for (const auto& c : r.columns) {
    if (!c.tested) {
      std::printf("%-24s %-12s %-14s  not tested: %s\n", c.column.c_str(), c.type.c_str(), "-", c.problem.c_str());
      continue;
    }
    std::printf("%-24s %-12s %-14s %12s %14s %10s  %s\n", c.column.c_str(), c.type.c_str(), drift_test_id(c.test),
                cell(c.statistic).c_str(), cell(c.score).c_str(), cell(c.threshold).c_str(), c.drifted ? "yes" : "no");
    for (const auto& n : c.notes) std::printf("%-24s note: %s\n", "", n.c_str());
  }
  std::printf("share %s (%zu of %zu columns drifted, dataset drift at >= %s)\ndataset_drift %s\n%s\n", cell(r.share).c_str(),
              r.drifted, r.tested, cell(r.drift_share).c_str(), r.dataset_drift ? "yes" : "no", r.verdict.c_str());
}

}  // namespace

int drift_command(const std::map<std::string, std::string>& flags) {
  auto flag = [&](const char* name) {
    auto it = flags.find(name);
    if (it == flags.end() || it->second.empty())
      throw std::invalid_argument(std::string("lab drift needs --") + name + " FILE.csv");
    return it->second;
  };
  Table reference = read_csv_file(flag("reference"), "reference");
  Table current = read_csv_file(flag("current"), "current");
  DriftOptions options;
  if (auto it = flags.find("drift-share"); it != flags.end()) {
    char* end = nullptr;
    options.drift_share = std::strtod(it->second.c_str(), &end);
    if (end == it->second.c_str() || *end) throw std::invalid_argument("--drift-share expects a number such as 0.5");
  }
  std::vector<std::string> columns;
  if (auto it = flags.find("columns"); it != flags.end()) {
    std::stringstream list(it->second);
    for (std::string c; std::getline(list, c, ',');)
      if (!c.empty()) columns.push_back(c);
  }
  DriftReport report = drift_report(reference, current, options, columns);
  if (flags.count("json")) std::cout << safe_dump(report.to_json(), 2) << "\n";
  else print_table(report);
  return 0;
}

}  // namespace lab
