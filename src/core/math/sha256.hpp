#pragma once
// SHA-256, used for dataset content hashes (the "version" of a dataset, as DVC does with md5).
#include <cstdint>
#include <string>
#include <string_view>

namespace lab {

class Sha256 {
 public:
  Sha256();
  void update(const void* data, size_t size);
  void update(std::string_view s) { update(s.data(), s.size()); }
  std::string hex_digest();  // finalizes

 private:
  void block(const uint8_t* p);
  uint32_t h_[8];
  uint8_t buf_[64];
  size_t buf_len_ = 0;
  uint64_t total_ = 0;
};

std::string sha256_hex(std::string_view s);

}  // namespace lab
