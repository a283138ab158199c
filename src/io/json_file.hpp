#pragma once
// A small JSON state file (rules, alerts, jobs): null when it does not exist yet, a discarded
// value when it does not parse, so the caller decides what a broken file means.
#include <filesystem>
#include <nlohmann/json.hpp>

#include "io/text_file.hpp"

namespace lab {

inline nlohmann::json read_json_file(const std::filesystem::path& p) {
  std::error_code ec;
  if (!std::filesystem::exists(p, ec)) return nlohmann::json();
  return nlohmann::json::parse(read_text_file(p), nullptr, false);
}

}  // namespace lab
