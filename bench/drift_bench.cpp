// The drift report alone (bench/drift_report.sh), native and wasm: reads the two CSVs the peer
// script makes, then times drift_report on them with the lab's defaults (Evidently's: above 1,000
// reference rows the normed Wasserstein distance on numbers, Jensen-Shannon on categories).
// Prints one JSON line: seconds to parse both files, seconds for the report (best of 3), and
// what it found, so native and wasm can be checked to agree.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>

#include "core/data/csv_parser.hpp"
#include "core/data/text_encoding.hpp"
#include "core/monitor/drift_report.hpp"

using namespace lab;

namespace {
double seconds_since(std::chrono::steady_clock::time_point t) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t).count();
}
Table read_table(const char* path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return parse_csv(decode_text_file(ss.str()).text);
}
}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) {
    std::fprintf(stderr, "usage: lab_drift_bench REFERENCE.csv CURRENT.csv\n");
    return 2;
  }
  auto t0 = std::chrono::steady_clock::now();
  const Table reference = read_table(argv[1]);
  const Table current = read_table(argv[2]);
  const double parse_s = seconds_since(t0);
  double best = 1e300;
  DriftReport r;
  for (int i = 0; i < 3; ++i) {
    t0 = std::chrono::steady_clock::now();
    r = drift_report(reference, current);
    best = std::min(best, seconds_since(t0));
  }
  double score_sum = 0;
  for (const ColumnDrift& c : r.columns) score_sum += c.score;
  std::printf("{\"rows\": %zu, \"columns\": %zu, \"parse_s\": %.3f, \"report_s\": %.4f, \"drifted\": %zu, \"share\": %.4f, "
              "\"score_sum\": %.12g}\n",
              r.reference_rows, r.columns.size(), parse_s, best, r.drifted, r.share, score_sum);
  return 0;
}
