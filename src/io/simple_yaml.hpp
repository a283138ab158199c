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
  enum class Kind { Null, Int, String, EmptyList, StringMap } kind = Kind::Null;
  long long number = 0;
  std::string text;
  std::map<std::string, std::string> entries;  // StringMap: one level, e.g. an input's tags
  static Value null() { return {}; }
  static Value integer(long long n) { Value v; v.kind = Kind::Int; v.number = n; return v; }
  static Value string(std::string s) { Value v; v.kind = Kind::String; v.text = std::move(s); return v; }
  static Value empty_list() { Value v; v.kind = Kind::EmptyList; return v; }
  static Value string_map(std::map<std::string, std::string> m) {
    Value v; v.kind = Kind::StringMap; v.entries = std::move(m); return v;
  }
};

std::string dump(const std::map<std::string, Value>& fields);  // keys sorted, as safe_dump does
// Reads back what dump() writes (plus plain scalars). Values come back as text; "null"/"~"/""
// as std::nullopt.
std::map<std::string, std::optional<std::string>> parse(const std::string& text);

// An integer field as parse() returns it; `fallback` when absent, null or not a number.
long long to_int(const std::optional<std::string>& s, long long fallback);
// The one-level map under `field` (written by dump() as a StringMap); empty if absent or `{}`.
std::map<std::string, std::string> parse_string_map(const std::string& text, const std::string& field);

}  // namespace lab::yaml
