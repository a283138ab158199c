#pragma once
// A session on a fresh, empty store in the temp folder, with a fixed clock and a dispatcher:
// what the command tests start from.
#include <filesystem>
#include <string>

#include "commands/dispatcher.hpp"

namespace labtest {

// Removes any earlier store of that name (and its "-serving" sibling) and returns its path.
inline std::filesystem::path fresh_store(const std::string& name) {
  auto p = std::filesystem::temp_directory_path() / name;
  std::filesystem::remove_all(p);
  std::filesystem::remove_all(p.string() + "-serving");
  return p;
}

struct SessionFixture {
  lab::FixedClock clock;
  lab::Session session;
  lab::Dispatcher d;
  SessionFixture(const std::string& name, uint64_t seed) : session(fresh_store(name), clock, seed), d(session) {}
};

}  // namespace labtest
