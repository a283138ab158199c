#pragma once
// The flat `key: value` YAML that MLflow's FileStore writes (yaml.safe_dump of a flat dict,
// keys sorted). Enough to write and read meta.yaml files; not a general YAML parser.
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace lab::yaml {

// A scalar as safe_dump writes it. `quoted` strings get single quotes when YAML needs them.
struct Value {
  enum class Kind { Null, Int, String, EmptyList } kind = Kind::Null;
  long long number = 0;
  std::string text;
  static Value null() { return {}; }
  static Value integer(long long n) { Value v; v.kind = Kind::Int; v.number = n; return v; }
  static Value string(std::string s) { Value v; v.kind = Kind::String; v.text = std::move(s); return v; }
  static Value empty_list() { Value v; v.kind = Kind::EmptyList; return v; }
};

std::string dump(const std::map<std::string, Value>& fields);  // keys sorted, as safe_dump does
// Reads back what dump() writes (plus plain scalars). Values come back as text; "null"/"~"/""
// as std::nullopt.
std::map<std::string, std::optional<std::string>> parse(const std::string& text);

}  // namespace lab::yaml
