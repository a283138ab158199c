#pragma once
// Notices when a registered model's files change on disk (an alias moved by `lab cmd`, a version
// added by `lab import`), cheaply: at most one look every `min_interval_ms`, and a look is a
// stat of the few files in models/<name>/ (names, sizes and modification times).
#include <cstdint>
#include <filesystem>
#include <string>

namespace lab {

class RegistryWatch {
 public:
  RegistryWatch(std::filesystem::path model_dir, int64_t min_interval_ms = 250);
  // True when the files differ from the last look; `now_ms` is a monotonic clock.
  bool changed(int64_t now_ms);
  void force_next_look() { last_look_ms_ = INT64_MIN / 2; signature_.clear(); }

 private:
  std::string signature() const;
  std::filesystem::path dir_;
  int64_t min_interval_ms_, last_look_ms_ = INT64_MIN / 2;
  std::string signature_;
};

}  // namespace lab
