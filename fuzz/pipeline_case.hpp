#pragma once
// One case of the pipeline fuzzer: a generated CSV file taken the way a participant takes it,
// through the one dispatcher: import -> roles / task -> quality, schema, preview -> train (small
// budget, stepped with a deadline) -> register -> deploy -> a few requests (valid and broken).
//
// A case passes when every reply is a JSON object with "ok", every error is one of the lab's
// sentences (no dependency text), every reply serialises as strict UTF-8, and the case ends
// within its time limit. Anything else is a finding, reported with the seed that reproduces it.
#include <cstdint>
#include <string>
#include <vector>

namespace labfuzz {

// The learners of a family (linear, neighbours, bayes, svm, trees, boosting) or "all".
std::vector<std::string> family_algos(const std::string& family);
const std::vector<std::string>& families();

struct CaseResult {
  uint64_t seed = 0;
  std::string algo;
  std::string shape;        // e.g. "120x7 utf-16le" for the report
  double seconds = 0;       // CPU time of the case
  bool trained = false;     // the run finished and its model served requests
  bool timed_out = false;   // the case ran past its limit (a hang)
  bool announced_long = false;  // the estimate warned that training would be long: cancelled at once
  bool refused_memory = false;  // the estimate refused the job (would not fit in a tab)
  std::vector<std::string> findings;  // empty when the case passed
  std::string last_error;   // the last expected error (for the report's variety)
};

// Runs one case in a fresh store under `store_root`.
CaseResult run_pipeline_case(uint64_t seed, const std::string& family, double time_limit_seconds,
                             const std::string& store_root);

// The CSV bytes a seed generates (for reproducing a finding by hand).
std::string generate_csv_bytes(uint64_t seed, std::string* target_name, std::string* shape);

}  // namespace labfuzz
