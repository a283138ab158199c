#pragma once
// The path of an entry found by walking `base`, relative to `base`, worked out from the names
// alone. std::filesystem::relative first resolves both paths through the file system (a readlink
// for every folder of each: about 3,000 failing system calls per run read from the store); the
// entries of a walk already start with `base` as written.
#include <filesystem>
#include <string>

namespace lab {

inline std::string path_inside(const std::filesystem::path& entry, const std::filesystem::path& base) {
  std::filesystem::path rel = entry.lexically_relative(base);
  if (rel.empty() || *rel.begin() == "..") rel = std::filesystem::relative(entry, base);  // spelled differently
  return rel.generic_string();
}

}  // namespace lab
