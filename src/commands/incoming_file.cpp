#include "commands/incoming_file.hpp"

#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace lab {

size_t incoming_file_size(const std::string& path) {
  std::error_code ec;
  if (path.empty()) throw std::invalid_argument("field 'path' is required: the file to read");
  if (!std::filesystem::is_regular_file(path, ec))
    throw std::invalid_argument("there is no file at '" + path + "'; choose the file again");
  return size_t(std::filesystem::file_size(path, ec));
}

std::string read_incoming_file(const std::string& path, size_t max_bytes) {
  const size_t bytes = incoming_file_size(path);
  if (bytes > max_bytes)
    throw std::invalid_argument("the file is " + std::to_string(bytes / 1048576) + " MB; the limit is " +
                                std::to_string(max_bytes / 1048576) + " MB. Use a sample of the rows instead.");
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  if (!in && !in.eof()) throw std::invalid_argument("the file at '" + path + "' could not be read");
  return text.str();
}

}  // namespace lab
