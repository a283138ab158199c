// Shared UI pieces (src/app/widgets.*) that are plain functions.
#include <catch2/catch.hpp>

#include "app/widgets.hpp"

using lab::app::class_display_names;

TEST_CASE("charts name a numbered class by the meaning its description states", "[app]") {
  CHECK(class_display_names("1 = loan approved, 0 = declined", {"0", "1"}) ==
        std::vector<std::string>{"declined (0)", "loan approved (1)"});
  // Words already say what they are; a description for one class leaves the other as it is.
  CHECK(class_display_names("Yes = the customer left within the last month", {"No", "Yes"}) ==
        std::vector<std::string>{"No", "Yes"});
  CHECK(class_display_names("", {"0", "1", "2"}) == std::vector<std::string>{"0", "1", "2"});
  CHECK(class_display_names("2 = two", {"1", "2"}) == std::vector<std::string>{"1", "two (2)"});
}
