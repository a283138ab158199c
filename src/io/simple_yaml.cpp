#include "io/simple_yaml.hpp"

#include <cctype>
#include <regex>
#include <sstream>

namespace lab::yaml {
namespace {

// PyYAML's implicit resolvers (YAML 1.1): a plain scalar matching one of these would be read
// back as null, bool, int, float or timestamp, so safe_dump quotes it. Mirrors
// yaml/resolver.py so our meta.yaml files carry the same types MLflow writes.
bool looks_like_non_string(const std::string& s) {
  static const std::regex implicit(
      "(?:~|null|Null|NULL|)"
      "|(?:yes|Yes|YES|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF)"
      "|(?:[-+]?(?:[0-9][0-9_]*)\\.[0-9_]*(?:[eE][-+][0-9]+)?|\\.[0-9][0-9_]*(?:[eE][-+][0-9]+)?"
      "|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\\.[0-9_]*|[-+]?\\.(?:inf|Inf|INF)|\\.(?:nan|NaN|NAN))"
      "|(?:[-+]?0b[0-1_]+|[-+]?0[0-7_]+|[-+]?(?:0|[1-9][0-9_]*)|[-+]?0x[0-9a-fA-F_]+|[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+)"
      "|(?:[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]"
      "|[0-9][0-9][0-9][0-9]-[0-9][0-9]?-[0-9][0-9]?(?:[Tt]|[ \\t]+)[0-9][0-9]?:[0-9][0-9]:[0-9][0-9](?:\\.[0-9]*)?"
      "(?:[ \\t]*(?:Z|[-+][0-9][0-9]?(?::[0-9][0-9])?))?)"
      "|<<|=");
  return std::regex_match(s, implicit);
}

std::string scalar(const std::string& s) {
  bool plain = !looks_like_non_string(s);
  for (char c : s) {
    bool safe = std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-' || c == '.' || c == '/' ||
                c == ' ' || c == ':';
    if (!safe) plain = false;
  }
  if (plain && (s.front() == ' ' || s.back() == ' ' || s.find(": ") != std::string::npos || s.back() == ':' ||
                s.front() == ':' || s.front() == '-' && (s.size() == 1 || s[1] == ' ')))
    plain = false;
  if (plain) return s;
  std::string out = "'";
  for (char c : s) {
    if (c == '\'') out += "''";
    else if (c == '\n') out += "\n\n";  // single-quoted YAML folds one newline; an empty line is a newline
    else out += c;
  }
  return out + "'";
}

}  // namespace

std::string dump(const std::map<std::string, Value>& fields) {
  std::ostringstream os;
  for (const auto& [k, v] : fields) {
    os << k << (v.kind == Value::Kind::StringMap && !v.entries.empty() ? ":" : ": ");
    switch (v.kind) {
      case Value::Kind::Null: os << "null"; break;
      case Value::Kind::Int: os << v.number; break;
      case Value::Kind::String: os << scalar(v.text); break;
      case Value::Kind::EmptyList: os << "[]"; break;
      case Value::Kind::StringMap:
        if (v.entries.empty()) os << "{}";
        for (const auto& [ek, ev] : v.entries) os << "\n  " << scalar(ek) << ": " << scalar(ev);
        break;
    }
    os << "\n";
  }
  return os.str();
}

std::map<std::string, std::optional<std::string>> parse(const std::string& text) {
  std::map<std::string, std::optional<std::string>> out;
  std::istringstream is(text);
  std::string line, pending_key, pending;
  bool in_quote = false;
  auto finish_quote = [&]() {
    std::string v;
    // Fold: within single quotes a lone newline is a space, an empty line a newline.
    for (size_t i = 0; i < pending.size(); ++i) {
      if (pending[i] == '\n') {
        if (i + 1 < pending.size() && pending[i + 1] == '\n') { v += '\n'; ++i; }
        else v += ' ';
      } else if (pending[i] == '\'' && i + 1 < pending.size() && pending[i + 1] == '\'') {
        v += '\''; ++i;
      } else {
        v += pending[i];
      }
    }
    out[pending_key] = v;
  };
  while (std::getline(is, line)) {
    if (in_quote) {
      pending += "\n" + line;
    } else {
      size_t colon = line.find(':');
      if (colon == std::string::npos || line.empty() || line[0] == ' ' || line[0] == '#') continue;
      std::string key = line.substr(0, colon);
      std::string val = colon + 1 < line.size() ? line.substr(colon + 1) : "";
      while (!val.empty() && val[0] == ' ') val.erase(0, 1);
      if (!val.empty() && val[0] == '\'') {
        pending_key = key;
        pending = val.substr(1);
        in_quote = true;
      } else {
        if (val.empty() || val == "null" || val == "~") out[key] = std::nullopt;
        else out[key] = val;
        continue;
      }
    }
    // Is the quote closed? An odd run of quotes at the end closes it.
    size_t q = 0;
    while (q < pending.size() && pending[pending.size() - 1 - q] == '\'') ++q;
    if (q % 2 == 1) {
      pending.pop_back();
      in_quote = false;
      finish_quote();
    }
  }
  return out;
}

std::map<std::string, std::string> parse_string_map(const std::string& text, const std::string& field) {
  // Collect the indented lines under `field:` and read them as a flat document.
  std::istringstream is(text);
  std::string line, nested;
  bool inside = false;
  while (std::getline(is, line)) {
    if (!line.empty() && line[0] != ' ') {
      inside = line == field + ":";
      continue;
    }
    if (inside && line.size() > 2) nested += line.substr(2) + "\n";
  }
  std::map<std::string, std::string> out;
  for (const auto& [k, v] : parse(nested)) {
    std::string key = k;
    if (key.size() >= 2 && key.front() == '\'' && key.back() == '\'') key = key.substr(1, key.size() - 2);
    out[key] = v.value_or("");
  }
  return out;
}

long long to_int(const std::optional<std::string>& s, long long fallback) {
  if (!s) return fallback;
  try {
    return std::stoll(*s);
  } catch (...) {
    return fallback;
  }
}

}  // namespace lab::yaml
