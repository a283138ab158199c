#include "core/guide/track.hpp"

#include <catch2/catch.hpp>

#include "core/math/rng.hpp"

using lab::guide::parse_track;
using nlohmann::json;

namespace {
bool known(const std::string& c) { return c == "data.summary" || c == "data.generate" || c == "runs.list" || c == "train.run"; }

json minimal() {
  return json::parse(R"({
    "format": "mlops-lab-track/1", "id": "mini", "title": "Mini", "minutes": 10,
    "parts": [{"title": "Data", "minutes": 10, "steps": [
      {"id": "load", "title": "Load", "what": "Load iris.", "module": "data",
       "check": {"command": {"cmd": "data.summary"}, "expect": {"path": "/rows", "at_least": 1}, "says": "data is loaded"},
       "hint": "Press Load.", "do_it": [{"cmd": "data.generate", "dataset": "iris"}, {"cmd": "runs.list", "filter": "{{1:/dataset}}"}]}
    ], "quiz": [{"prompt": "Why?", "choices": [{"text": "A", "correct": true, "why": "a"}, {"text": "B", "why": "b"}]}]}]
  })");
}

std::vector<std::string> errors_of(const json& j) { return parse_track(j.dump(), "mine.json", known).errors; }
}  // namespace

TEST_CASE("track: a well-formed file parses into parts, steps and questions", "[guide]") {
  auto p = parse_track(minimal().dump(), "mine.json", known);
  REQUIRE(p.ok());
  CHECK(p.track.step_count() == 1);
  CHECK(p.track.step(1)->do_it.size() == 2);
  CHECK(p.track.step(1)->hint_after_seconds == 60);
  CHECK(p.track.question("q1") != nullptr);
  CHECK(p.track.step(2) == nullptr);
}

TEST_CASE("track: errors are located by file, step, field and say what was expected", "[guide]") {
  json j = minimal();
  j["parts"][0]["steps"][0].erase("module");
  CHECK(errors_of(j).at(0) == "mine.json, step 1 (\"Load\"), field 'module': missing; expected text");

  j = minimal();
  j["parts"][0]["steps"][0]["check"]["expect"] = {{"path", "/rows"}, {"at_least", "one"}};
  CHECK(errors_of(j).at(0) == "mine.json, step 1 (\"Load\"), field 'check.expect.at_least': expected a number, got \"one\"");

  j = minimal();
  j["parts"][0]["steps"][0]["check"]["command"] = {{"cmd", "train.fly"}};
  CHECK(errors_of(j).at(0).rfind("mine.json, step 1 (\"Load\"), field 'check.command': unknown command 'train.fly'", 0) == 0);

  j = minimal();
  j["parts"][0]["steps"][0]["do_it"][0]["dataset"] = "{{2:/x}}";  // names a later command
  CHECK(errors_of(j).at(0).find("field 'do_it[1]': the placeholder") != std::string::npos);

  j = minimal();
  j["parts"][0]["steps"][0]["modul"] = "data";
  CHECK(errors_of(j).at(0).find("unknown field 'modul'") != std::string::npos);

  j = minimal();
  j["minutes"] = 12;
  CHECK(errors_of(j).at(0) == "mine.json, field 'minutes': the parts add up to 10 minutes but the track says 12");

  j = minimal();
  j["parts"][0]["quiz"][0]["choices"][0]["correct"] = false;
  CHECK(errors_of(j).at(0) == "mine.json, part 1 (\"Data\"), question 1, field 'choices': no choice is marked \"correct\": true");

  // A step for a module still to come may name commands the lab lacks, if it says so.
  j = minimal();
  j["parts"][0]["steps"][0]["do_it"] = json::array({{{"cmd", "automl.start"}}});
  j["parts"][0]["steps"][0]["needs"] = {"automl."};
  CHECK(errors_of(j).at(0).find("field 'coming_soon'") != std::string::npos);
  j["parts"][0]["steps"][0]["coming_soon"] = "AutoML is coming soon";
  auto p = parse_track(j.dump(), "mine.json", known);
  REQUIRE(p.ok());
  CHECK_FALSE(lab::guide::step_available(*p.track.step(1), {"data.summary"}));
  CHECK(lab::guide::step_available(*p.track.step(1), {"automl.start"}));

  auto syntax = parse_track("{\n  \"id\": \"x\",\n  \"title\": \n}", "broken.json", known);
  REQUIRE(syntax.errors.size() == 1);
  CHECK(syntax.errors[0].rfind("broken.json, line 4, column 1: not valid JSON", 0) == 0);
}

TEST_CASE("track: placeholders take values from earlier replies", "[guide]") {
  json cmd = {{"cmd", "registry.register"}, {"run_id", "{{1:/runs/0/run_id}}"}, {"version", "{{2:/version}}"}, {"keep", "{{not one}}"}};
  json out = lab::guide::fill_placeholders(cmd, {json{{"runs", {{{"run_id", "abc"}}}}}, json{{"version", 3}}});
  CHECK(out["run_id"] == "abc");
  CHECK(out["version"] == 3);
  CHECK(out["keep"] == "{{not one}}");
  CHECK_THROWS_WITH(lab::guide::fill_placeholders(json{{"x", "{{1:/nope}}"}}, {json::object()}),
                    "the reply of command 1 has nothing at /nope");
}

// Light fuzzing: thousands of damaged variants of a valid track (values swapped for other
// types, fields dropped, bytes flipped, text cut short) must each parse or be refused with
// located errors, never crash or throw.
TEST_CASE("track: malformed variants never crash and always say where", "[guide]") {
  const std::string base = minimal().dump();
  const json kinds[] = {json(nullptr), json(7), json(-1), json(2.5), json("x"), json(true), json::array(), json::object(),
                        json::array({1, "a"}), json{{"cmd", 3}}, json("{{9:/q}}"), json{{"path", 5}}};
  lab::Rng rng(20261203);
  size_t refused = 0;
  for (int i = 0; i < 1500; ++i) {
    std::string text;
    const int mode = int(rng.next_u64() % 3);
    if (mode == 0) {
      // Replace one value somewhere in the tree by a value of another kind.
      json j = minimal();
      json flat = j.flatten();
      auto it = flat.begin();
      std::advance(it, long(rng.next_u64() % flat.size()));
      std::string key = it.key();
      // Sometimes damage the parent object instead of the leaf.
      if (rng.next_u64() % 3 == 0 && key.find('/', 1) != std::string::npos) key = key.substr(0, key.find_last_of('/'));
      json::json_pointer ptr(key);
      j[ptr] = kinds[rng.next_u64() % std::size(kinds)];
      if (rng.next_u64() % 4 == 0 && j[ptr.parent_pointer()].is_object()) j[ptr.parent_pointer()].erase(ptr.back());
      text = j.dump();
    } else if (mode == 1) {
      text = base;
      for (int k = 0; k < 3; ++k) text[rng.next_u64() % text.size()] = char(rng.next_u64() % 256);
    } else {
      text = base.substr(0, rng.next_u64() % base.size());
    }
    lab::guide::TrackParse p;
    REQUIRE_NOTHROW(p = parse_track(text, "fuzz.json", known));
    if (!p.ok()) {
      ++refused;
      for (const auto& e : p.errors) REQUIRE(e.rfind("fuzz.json", 0) == 0);
    } else {
      REQUIRE(p.track.step_count() >= 1);
    }
  }
  CHECK(refused > 1000);
}
