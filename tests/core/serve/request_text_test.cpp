#include <catch2/catch.hpp>

#include "core/serve/request_text.hpp"

using namespace lab;

TEST_CASE("bad JSON in the request editor is reported with its line and column") {
  ParsedRequestText good = parse_request_text("{\"features\": {\"age\": 35}}");
  REQUIRE(good.ok());
  REQUIRE(good.value["features"]["age"] == 35);

  // A missing comma after line 2's value: the parser stops at the quote opening line 3.
  ParsedRequestText comma = parse_request_text("{\n  \"age\": 35\n  \"income\": 62000\n}");
  REQUIRE_FALSE(comma.ok());
  REQUIRE(comma.line == 3);
  REQUIRE(comma.column == 3);
  REQUIRE_THAT(comma.error, Catch::StartsWith("The request is not valid JSON: line 3, column 3: "));
  REQUIRE_THAT(comma.error, Catch::Contains("expected '}'"));
  REQUIRE(comma.error_reply()["status"] == 400);
  REQUIRE(comma.error_reply()["line"] == 3);

  ParsedRequestText quote = parse_request_text("{\"age\": 35, income: 1}");
  REQUIRE(quote.line == 1);
  REQUIRE(quote.column == 13);

  ParsedRequestText empty = parse_request_text("  \n");
  REQUIRE_FALSE(empty.ok());
  REQUIRE_THAT(empty.error, Catch::Contains("the request is empty"));
}
