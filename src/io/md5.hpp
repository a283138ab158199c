#pragma once
// MD5 (RFC 1321). Not for security: MLflow's FileStore names dataset and input folders by
// md5(name + digest) and md5(dataset_id + run_id), so the lab must compute the same ids.
#include <cstdint>
#include <string>

namespace lab {

class Md5 {
 public:
  Md5();
  void update(const std::string& bytes);
  void update(const unsigned char* data, size_t n);
  std::string hex_digest();  // 32 lowercase hex chars; call once

 private:
  void block(const unsigned char* p);
  uint32_t a_, b_, c_, d_;
  uint64_t length_ = 0;
  unsigned char buffer_[64];
  size_t used_ = 0;
};

std::string md5_hex(const std::string& bytes);

}  // namespace lab
