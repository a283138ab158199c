#pragma once
// A session on a fresh, empty store in the temp folder, with a fixed clock and a dispatcher:
// what the command tests start from.
#include <catch2/catch.hpp>
#include <string>

#include "commands/dispatcher.hpp"
#include "support/temp_store.hpp"

namespace labtest {

struct SessionFixture {
  lab::FixedClock clock;
  lab::Session session;
  lab::Dispatcher d;
  SessionFixture(const std::string& name, uint64_t seed) : session(fresh_store(name), clock, seed), d(session) {}

  // A command that must succeed: its reply.
  nlohmann::json ok(const nlohmann::json& cmd) {
    nlohmann::json r = d.handle(cmd);
    INFO(cmd.dump() << " -> " << r.dump());
    REQUIRE(r["ok"] == true);
    return r;
  }
  // A command that must fail: its error message.
  std::string error(const nlohmann::json& cmd) {
    nlohmann::json r = d.handle(cmd);
    INFO(cmd.dump() << " -> " << r.dump());
    REQUIRE(r["ok"] == false);
    return r["error"].get<std::string>();
  }
};

}  // namespace labtest
