// Deep-link text (src/app/route.*): every place reads back to itself, and what is not a link
// gets an error that shows what a link looks like.
#include <catch2/catch.hpp>
#include <stdexcept>

#include "app/route.hpp"

using lab::app::parse_route;
using lab::app::Route;
using lab::app::route_text;

TEST_CASE("routes: modules, runs and guide steps parse and print back", "[app][route]") {
  for (const char* text : {"#/train", "#/runs/0a1b2c3d4e5f", "#/guide/loan/3", "#/guide/iris"}) {
    INFO(text);
    CHECK(route_text(parse_route(text)) == text);
  }
  Route r = parse_route("#/guide/loan/12");
  CHECK(r.kind == Route::Kind::GuideStep);
  CHECK(r.track == "loan");
  CHECK(r.step == 12);
  CHECK(parse_route("/Train/").module == "train");  // no '#', a trailing slash and capitals are forgiven
  CHECK(parse_route("").kind == Route::Kind::None);
  CHECK(parse_route("#").kind == Route::Kind::None);
  CHECK(parse_route("#/").kind == Route::Kind::None);
}

TEST_CASE("routes: what is not a link is refused with the link forms", "[app][route]") {
  for (const char* bad : {"#/guide/loan/0", "#/guide/loan/three", "#/guide", "#/runs/a/b", "#/a/b/c/d", "#/<script>", "#/guide/loan/99999"}) {
    INFO(bad);
    try {
      parse_route(bad);
      FAIL("accepted");
    } catch (const std::invalid_argument& e) {
      const std::string m = e.what();
      CHECK(m.find(bad) != std::string::npos);
      CHECK((m.find("#/train") != std::string::npos || m.find("step number") != std::string::npos));
    }
  }
}
