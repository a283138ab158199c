// The rungs of successive halving against scikit-learn's HalvingRandomSearchCV
// (tests/reference/halving_schedule_reference.py -> expected/halving_schedule.json).
#include <catch2/catch.hpp>

#include "core/tune/halving_schedule.hpp"
#include "support/reference_data.hpp"

using namespace lab;

TEST_CASE("halving schedule: resources and candidates per rung equal scikit-learn's", "[tune][halving]") {
  const auto ref = nlohmann::json::parse(labtest::read_text(labtest::reference_dir() + "expected/halving_schedule.json"));
  REQUIRE(ref["cases"].size() >= 10);
  for (const auto& c : ref["cases"]) {
    const std::string min_res = c["min_resources"].is_string() ? c["min_resources"].get<std::string>()
                                                              : std::to_string(c["min_resources"].get<int64_t>());
    const bool classifier = c["classifier"].get<bool>();
    const int64_t smallest = smallest_resources(true, c["cv"].get<int>(), classifier ? 2 : 1);
    HalvingSchedule s = halving_schedule(c["n_candidates"].get<int64_t>(), c["factor"].get<int>(), min_res, smallest,
                                         c["max_resources"].get<int64_t>(), c["aggressive_elimination"].get<bool>());
    INFO("case " << c.dump());
    REQUIRE(s.min_resources == c["min_resources_"].get<int64_t>());
    REQUIRE(s.required_rungs == c["n_required_iterations_"].get<int>());
    REQUIRE(s.possible_rungs == c["n_possible_iterations_"].get<int>());
    REQUIRE(s.rungs.size() == c["n_iterations_"].get<size_t>());
    for (size_t r = 0; r < s.rungs.size(); ++r) {
      REQUIRE(s.rungs[r].resources == c["n_resources_"][r].get<int64_t>());
      REQUIRE(s.rungs[r].candidates == c["n_candidates_"][r].get<int64_t>());
    }
  }
}

TEST_CASE("halving schedule: bad numbers are refused with the reason", "[tune][halving]") {
  REQUIRE_THROWS_WITH(halving_schedule(0, 3, "exhaust", 10, 1000), Catch::Contains("at least one candidate"));
  REQUIRE_THROWS_WITH(halving_schedule(10, 1, "exhaust", 10, 1000), Catch::Contains("factor must be 2 or more"));
  REQUIRE_THROWS_WITH(halving_schedule(10, 3, "2000", 10, 1000), Catch::Contains("more than max_resources (1000)"));
  REQUIRE_THROWS_WITH(halving_schedule(10, 3, "lots", 10, 1000), Catch::Contains("\"smallest\" or \"exhaust\""));
}
