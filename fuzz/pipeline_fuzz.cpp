// The pipeline fuzzer's driver: runs generated cases for a while and reports cases, findings,
// hangs and the slowest case. Natively and in wasm under Node (see fuzz/README.md).
//   pipeline_fuzz [--family linear|neighbours|bayes|svm|trees|boosting|all] [--seconds S]
//                 [--case-seconds S] [--seed N] [--cases N] [--store DIR] [--replay SEED]
// LAB_FUZZ_VERBOSE=1 prints every command of every case with its time.
// Exit status: 0 when no case had a finding, 1 otherwise.
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <iostream>
#include <string>
#include <vector>
#ifndef __EMSCRIPTEN__
#include <atomic>
#include <thread>
#endif

#include "fuzz/pipeline_case.hpp"

namespace {
std::string arg(int argc, char** argv, const std::string& name, const std::string& fallback) {
  for (int i = 1; i + 1 < argc; ++i)
    if (argv[i] == "--" + name) return argv[i + 1];
  return fallback;
}
}  // namespace

int main(int argc, char** argv) {
  const std::string family = arg(argc, argv, "family", "all");
  const double seconds = std::atof(arg(argc, argv, "seconds", "10").c_str());
  const double case_limit = std::atof(arg(argc, argv, "case-seconds", "20").c_str());
  const long max_cases = std::atol(arg(argc, argv, "cases", "0").c_str());
  uint64_t seed = std::strtoull(arg(argc, argv, "seed", "1").c_str(), nullptr, 10);
  const std::string store = arg(argc, argv, "store", "/tmp/lab-pipeline-fuzz-" + family);
  const std::string replay = arg(argc, argv, "replay", "");
  try {
    labfuzz::family_algos(family);
  } catch (const std::exception& e) {
    std::cerr << e.what() << "\n";
    return 2;
  }
  if (!replay.empty()) {
    std::string target, shape;
    std::string bytes = labfuzz::generate_csv_bytes(std::strtoull(replay.c_str(), nullptr, 10), &target, &shape);
    std::fwrite(bytes.data(), 1, bytes.size(), stdout);
    std::cerr << "case " << replay << ": " << shape << ", target '" << target << "'\n";
    return 0;
  }
#ifndef __EMSCRIPTEN__
  // A case stuck inside one step cannot check its own clock: a watchdog ends the process and names
  // the seed (a hang). In wasm there is no second thread; the per-step deadline still holds.
  std::atomic<uint64_t> current_seed{seed};
  std::atomic<int64_t> case_started_ms{0};
  auto now_ms = [] { return int64_t(double(std::clock()) * 1000.0 / CLOCKS_PER_SEC) + 1; };  // process CPU time
  std::thread([&] {
    while (true) {
      std::this_thread::sleep_for(std::chrono::milliseconds(500));
      int64_t t0 = case_started_ms.load();
      if (t0 && now_ms() - t0 > int64_t(case_limit * 3000)) {
        std::fprintf(stderr, "HANG: case seed %llu ran over %.0f CPU seconds inside one step; replay: --family %s --seed %llu --cases 1\n",
                     (unsigned long long)current_seed.load(), case_limit * 3, family.c_str(),
                     (unsigned long long)current_seed.load());
        std::_Exit(3);
      }
    }
  }).detach();
#endif
  const auto start = std::chrono::steady_clock::now();
  auto elapsed = [&] { return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count(); };
  long cases = 0, trained = 0, refused_at_import = 0, with_findings = 0, hangs = 0, long_announced = 0, refused_memory = 0;
  labfuzz::CaseResult slowest;
  std::vector<std::string> findings;
  while ((max_cases == 0 && elapsed() < seconds) || (max_cases > 0 && cases < max_cases)) {
#ifndef __EMSCRIPTEN__
    current_seed = seed;
    case_started_ms = now_ms();
#endif
    labfuzz::CaseResult r = labfuzz::run_pipeline_case(seed, family, case_limit, store);
#ifndef __EMSCRIPTEN__
    case_started_ms = 0;
#endif
    ++cases;
    trained += r.trained;
    refused_at_import += r.algo.empty();
    hangs += r.timed_out;
    long_announced += r.announced_long;
    refused_memory += r.refused_memory;
    if (r.seconds > slowest.seconds) slowest = r;
    if (!r.findings.empty()) {
      ++with_findings;
      for (const auto& f : r.findings) {
        std::string line = "seed " + std::to_string(r.seed) + " (" + r.shape + ", " + r.algo + "): " + f;
        std::cerr << "FINDING " << line << "\n";
        if (findings.size() < 50) findings.push_back(line);
      }
    }
    ++seed;
  }
  std::printf("pipeline fuzz: family %s, %.0f s, %ld cases (%ld trained and served, %ld refused at import, "
              "%ld refused for memory, %ld announced as long and cancelled), %ld with findings, %ld hangs, 0 crashes; "
              "slowest case: seed %llu, %.2f CPU s (%s, %s)\n",
              family.c_str(), elapsed(), cases, trained, refused_at_import, refused_memory, long_announced, with_findings, hangs,
              (unsigned long long)slowest.seed, slowest.seconds, slowest.shape.c_str(), slowest.algo.c_str());
  return with_findings == 0 ? 0 : 1;
}
