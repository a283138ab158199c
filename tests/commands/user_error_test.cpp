#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <vector>

#include "commands/user_error.hpp"

using namespace lab;

TEST_CASE("user errors: the lab's sentences pass, a dependency's text never does") {
  REQUIRE(user_error_message(std::invalid_argument("the target 'y' has only one class; a classifier needs two"), "x") ==
          "the target 'y' has only one class; a classifier needs two");
  std::string utf8;
  try {
    (void)nlohmann::json("caf\xE9").dump();
  } catch (const std::exception& e) {
    utf8 = user_error_message(e, "the command 'data.import_csv'");
  }
  REQUIRE(utf8.find("json.exception") == std::string::npos);
  REQUIRE(utf8.find("is not valid UTF-8; save the file as CSV UTF-8") != std::string::npos);
  std::string range;
  try {
    (void)std::vector<int>(2).at(5);
  } catch (const std::exception& e) {
    range = user_error_message(e, "training");
  }
  REQUIRE(range.find("_M_range_check") == std::string::npos);
  REQUIRE(range.find("internal error during training") != std::string::npos);
  REQUIRE(user_error_message(std::bad_alloc(), "training").find("ran out of memory during training") != std::string::npos);
  REQUIRE(user_error_message(std::invalid_argument("stod"), "x").find("internal error") != std::string::npos);
  REQUIRE(user_error_message(std::runtime_error("bad \xFF byte here"), "x") == "bad \xC3\xBF byte here");
}
