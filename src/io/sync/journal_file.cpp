#include "io/sync/journal_file.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <stdexcept>

#include "io/md5.hpp"

namespace fs = std::filesystem;

namespace lab::sync {

namespace {

void write_all(int fd, const std::string& bytes, const fs::path& p) {
  size_t done = 0;
  while (done < bytes.size()) {
    ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
    if (n < 0) {
      if (errno == EINTR) continue;
      std::string why = std::strerror(errno);
      ::close(fd);
      throw std::runtime_error("cannot write the sync outbox " + p.string() + ": " + why);
    }
    done += size_t(n);
  }
}

}  // namespace

std::vector<std::string> FileJournal::read_lines() {
  std::vector<std::string> out;
  std::ifstream f(path_, std::ios::binary);
  for (std::string line; std::getline(f, line);) out.push_back(line);
  return out;
}

void FileJournal::append_line(const std::string& line) {
  fs::create_directories(path_.parent_path());
  int fd = ::open(path_.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
  if (fd < 0) throw std::runtime_error("cannot open the sync outbox " + path_.string() + ": " + std::strerror(errno));
  write_all(fd, line + "\n", path_);
  ::fsync(fd);
  ::close(fd);
  if (on_write_) on_write_();
}

void FileJournal::replace_all(const std::vector<std::string>& lines) {
  fs::create_directories(path_.parent_path());
  fs::path tmp = path_;
  tmp += ".tmp";
  int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  if (fd < 0) throw std::runtime_error("cannot write the sync outbox " + tmp.string() + ": " + std::strerror(errno));
  std::string all;
  for (const auto& l : lines) all += l + "\n";
  write_all(fd, all, tmp);
  ::fsync(fd);
  ::close(fd);
  fs::rename(tmp, path_);
  if (on_write_) on_write_();
}

fs::path outbox_path(const fs::path& store_root, const std::string& server_url, const std::string& experiment_name) {
  std::string server = server_url;
  while (!server.empty() && server.back() == '/') server.pop_back();
  fs::path base = store_root;
  if (base.filename().empty()) base = base.parent_path();
  return fs::path(base.string() + "-sync") / (md5_hex(server + "\n" + experiment_name).substr(0, 16) + ".jsonl");
}

}  // namespace lab::sync
