#pragma once
// Python source text for values the notebook embeds: strings, numbers, lists, JSON values.
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace lab::py {

// A JSON string is also a valid Python string literal (the same escapes), so both use dump().
std::string str(const std::string& s);
// The shortest text that reads back to the same double ("0.1", "1e-08", "100.0" stays "100.0").
std::string num(double v);
std::string integer(int64_t v);
std::string boolean(bool b);
std::string strings(const std::vector<std::string>& list);  // ["a", "b"]
// Any JSON value as Python: null -> None, true -> True, objects -> dicts.
std::string value(const nlohmann::json& v);

}  // namespace lab::py
