#pragma once
// The Registry's promotion gates for one version: whether the model requires them before
// @champion, the last report of the version (each test, passed / failed / skipped, and what was
// measured), and a button to run them. Reads and changes them only through registry.gates*.
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>

#include "app/app_context.hpp"

namespace lab::app {

class RegistryGates {
 public:
  void draw(AppContext& ctx, const std::string& model, int version);
  // Under a refused promotion: the button that promotes anyway (the history records it).
  void draw_override(AppContext& ctx, const std::string& model, int version, const std::string& comment, std::string& error);

 private:
  nlohmann::json gates_;
  std::string model_, error_;
  uint64_t seen_version_ = 0;
};

}  // namespace lab::app
