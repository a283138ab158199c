// JsonTextWriter's pieces put together are json::dump's text, byte for byte, in both layouts and
// at any nesting, and no piece holds more values than asked.
#include <catch2/catch.hpp>

#include <algorithm>

#include "core/pipeline/json_text_writer.hpp"

using namespace lab;
using nlohmann::json;

namespace {
json sample() {
  json j = {{"b", {1.5, -0.0, 1e-300, 3, "x\"y\n\u00e9", nullptr, true}},
            {"a", json::object()},
            {"c", json::array()},
            {"d", {{"z", {{"deep", {0.1, 0.2}}}}, {"e", json::array({json::array(), json::object()})}}},
            {"empty key", ""}};
  std::vector<double> many;
  for (int i = 0; i < 1000; ++i) many.push_back(double(i) / 7.0);
  j["many"] = many;
  return j;
}

std::string pieces_of(const json& v, int indent, size_t base, size_t per_piece, size_t* most = nullptr) {
  JsonTextWriter w(v, indent, base);
  std::string out;
  while (!w.done()) {
    const size_t n = w.write_next(out, per_piece);
    CHECK(n <= per_piece);
    if (most) *most = std::max(*most, n);
  }
  return out;
}
}  // namespace

TEST_CASE("JSON text in pieces equals dump() compact and indented") {
  const json j = sample();
  for (size_t per_piece : {size_t(1), size_t(2), size_t(5), size_t(64), size_t(100000)}) {
    INFO(per_piece);
    CHECK(pieces_of(j, -1, 0, per_piece) == j.dump());
    CHECK(pieces_of(j, 2, 0, per_piece) == j.dump(2));
    CHECK(pieces_of(j, 4, 0, per_piece) == j.dump(4));
  }
  for (const json& scalar : {json(1.25), json("s"), json(nullptr), json::array(), json::object()}) {
    CHECK(pieces_of(scalar, 2, 0, 1) == scalar.dump(2));
    CHECK(pieces_of(scalar, -1, 0, 1) == scalar.dump());
  }
}

TEST_CASE("a value nested at an indent is written as dump() of the document around it writes it") {
  const json item = sample();
  const json doc = {{"list", {item}}};
  // "{\n  \"list\": [\n    <item at indent 4>\n  ]\n}"
  const std::string text = "{\n  \"list\": [\n    " + pieces_of(item, 2, 4, 3) + "\n  ]\n}";
  CHECK(text == doc.dump(2));
}

TEST_CASE("a piece writes at most the values asked for") {
  size_t most = 0;
  pieces_of(sample(), 2, 0, 10, &most);
  CHECK(most == 10);
}
