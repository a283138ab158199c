#pragma once
// A class as text, however JSON carries it: "Yes", 1, 1.0 and true all name a class the way the
// training table's labels do, so predictions, outcomes and labels compare as strings.
#include <nlohmann/json.hpp>
#include <string>

namespace lab {

std::string class_label(const nlohmann::json& v);  // "" for null, objects and arrays

}  // namespace lab
