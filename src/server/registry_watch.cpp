#include "server/registry_watch.hpp"

#include <system_error>

namespace fs = std::filesystem;

namespace lab {

RegistryWatch::RegistryWatch(fs::path model_dir, int64_t min_interval_ms)
    : dir_(std::move(model_dir)), min_interval_ms_(min_interval_ms) {
  signature_ = signature();
}

std::string RegistryWatch::signature() const {
  std::string sig;
  std::error_code ec;
  for (fs::recursive_directory_iterator it(dir_, ec), end; !ec && it != end; it.increment(ec)) {
    std::error_code e2;
    auto size = it->is_regular_file(e2) ? it->file_size(e2) : 0;
    auto time = it->last_write_time(e2).time_since_epoch().count();
    sig += it->path().string() + '|' + std::to_string(size) + '|' + std::to_string(time) + '\n';
  }
  return sig;
}

bool RegistryWatch::changed(int64_t now_ms) {
  if (now_ms - last_look_ms_ < min_interval_ms_) return false;
  last_look_ms_ = now_ms;
  std::string now = signature();
  if (now == signature_) return false;
  signature_ = std::move(now);
  return true;
}

}  // namespace lab
