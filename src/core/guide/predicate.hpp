#pragma once
// The small language a guided step's check is written in: a test on the JSON reply of one lab
// command (docs/tracks.md). A predicate is one of
//   {"all": [P, ...]}  {"any": [P, ...]}  {"not": P}
//   {"path": "<JSON pointer into the reply>", <one test>}
// and a test is "equals", "not_equals", "at_least", "at_most" (numbers), "exists" (true/false),
// "contains" (a substring of a string, or an element of an array) or
//   "count": {"where"?: P (applied to each element), "distinct"?: "<pointer into each element>",
//             "at_least"? / "at_most"? / "equals"?: n}
// which counts the elements of an array (or the members of an object) at the path.
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace lab::guide {

// Checks a predicate's shape; each problem is appended as "<where>: <what was expected>", where
// `where` names the field, e.g. "check.expect.all[1].count".
void validate_predicate(const nlohmann::json& p, const std::string& where, std::vector<std::string>& errors);

struct Verdict {
  bool pass = false;
  std::string detail;  // when it fails: which part and what was found, e.g. "/runs: 1 matching, need at least 2"
};

// Evaluates a validated predicate against a reply. Never throws: a missing path is a failure.
Verdict evaluate_predicate(const nlohmann::json& p, const nlohmann::json& reply);

}  // namespace lab::guide
