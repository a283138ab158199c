#include "io/text_file.hpp"

#include <fstream>
#include <sstream>
#include <stdexcept>

namespace lab {

void write_text_file(const std::filesystem::path& p, const std::string& content, bool append) {
  std::filesystem::create_directories(p.parent_path());
  std::ofstream f(p, std::ios::binary | (append ? std::ios::app : std::ios::trunc));
  if (!f) throw std::runtime_error("cannot write " + p.string());
  f << content;
  f.flush();
  if (!f) throw std::runtime_error("writing " + p.string() + " failed (storage full?)");
}

std::string read_text_file(const std::filesystem::path& p) {
  std::ifstream f(p, std::ios::binary);
  if (!f) throw std::runtime_error("cannot read " + p.string());
  std::ostringstream os;
  os << f.rdbuf();
  return os.str();
}

}  // namespace lab
