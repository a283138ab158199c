#pragma once
// Whole-file text reads and writes with errors that say which file and why.
#include <filesystem>
#include <string>

namespace lab {

// Creates parent folders; throws std::runtime_error naming the file (storage full, no access).
void write_text_file(const std::filesystem::path& p, const std::string& content, bool append = false);
std::string read_text_file(const std::filesystem::path& p);

}  // namespace lab
