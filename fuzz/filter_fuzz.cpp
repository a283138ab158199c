// libFuzzer target for the run search filter parser (and order_by):
//   clang++-14 -std=c++20 -O1 -g -fsanitize=fuzzer,address,undefined -Isrc fuzz/filter_fuzz.cpp \
//     src/core/track/search_filter.cpp src/core/track/run_types.cpp -o build/filter_fuzz
//   build/filter_fuzz -max_total_time=600 fuzz/filter_corpus
// Every input must either parse or throw FilterError with a position inside the text (+1 for
// "at the end"); a parsed filter must evaluate on a run without crashing.
#include <cstdint>
#include <cstdlib>
#include <string>

#include "core/track/search_filter.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string text(reinterpret_cast<const char*>(data), size);
  lab::Run run;
  run.info.run_id = "0123456789abcdef0123456789abcdef";
  run.info.run_name = "fuzz";
  run.metrics["auc"] = {{1, 0.5, 1}};
  run.params["algo"] = "gbdt";
  run.tags["k"] = "v";
  try {
    lab::RunFilter f = lab::parse_run_filter(text);
    (void)f.matches(run);
  } catch (const lab::FilterError& e) {
    if (e.position > text.size()) std::abort();
    (void)lab::describe_filter_error(text, e);
  }
  try {
    lab::OrderKey k = lab::parse_order_by(text);
    (void)lab::sorted_order({&run, &run}, {k});
  } catch (const lab::FilterError& e) {
    if (e.position > text.size()) std::abort();
  }
  (void)lab::like_match(text, "some text to match % _", true);
  return 0;
}
