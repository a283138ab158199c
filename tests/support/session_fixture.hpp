#pragma once
// A session on a fresh, empty store in the temp folder, with a fixed clock and a dispatcher:
// what the command tests start from.
#include <string>

#include "commands/dispatcher.hpp"
#include "support/temp_store.hpp"

namespace labtest {

struct SessionFixture {
  lab::FixedClock clock;
  lab::Session session;
  lab::Dispatcher d;
  SessionFixture(const std::string& name, uint64_t seed) : session(fresh_store(name), clock, seed), d(session) {}
};

}  // namespace labtest
