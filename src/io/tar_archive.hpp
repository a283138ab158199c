#pragma once
// A minimal POSIX ustar writer and reader: regular files and directories, long paths through
// ustar's prefix field or a PAX 'path' record. Enough to move a whole mlruns/ tree out of the
// browser and back, byte for byte; `tar xf` and Python's tarfile read what it writes.
#include <cstdint>
#include <string>
#include <vector>

namespace lab::tar {

struct Entry {
  std::string path;     // '/'-separated, relative; directories without a trailing '/'
  bool is_dir = false;
  std::string content;  // files only
};

// mtime (seconds since the epoch) is the same for every entry so archives are reproducible.
std::string write(const std::vector<Entry>& entries, int64_t mtime_seconds);
// Throws std::invalid_argument saying what is wrong (not a tar archive, truncated, bad checksum).
std::vector<Entry> read(const std::string& archive);

}  // namespace lab::tar
