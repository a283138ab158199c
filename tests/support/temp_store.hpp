#pragma once
// A fresh, empty store folder in the temp directory for one test.
#include <filesystem>
#include <string>

namespace labtest {

// Removes any earlier store of that name (and its "-serving" and "-data" siblings) and returns its path.
inline std::filesystem::path fresh_store(const std::string& name) {
  auto p = std::filesystem::temp_directory_path() / name;
  std::filesystem::remove_all(p);
  std::filesystem::remove_all(p.string() + "-serving");
  std::filesystem::remove_all(p.string() + "-data");
  return p;
}

}  // namespace labtest
