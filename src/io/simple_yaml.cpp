#include "io/simple_yaml.hpp"

#include <cctype>
#include <sstream>

namespace lab::yaml {
namespace {

bool looks_like_non_string(const std::string& s) {
  if (s.empty()) return true;
  static const char* words[] = {"null", "Null", "NULL", "~", "true", "True", "TRUE", "false", "False", "FALSE",
                                "yes", "Yes", "no", "No", "on", "On", "off", "Off", ".inf", ".nan"};
  for (const char* w : words)
    if (s == w) return true;
  // Anything that starts like a number would be read back as one.
  char c = s[0];
  return std::isdigit(static_cast<unsigned char>(c)) || c == '-' || c == '+' || c == '.';
}

std::string scalar(const std::string& s) {
  bool plain = !looks_like_non_string(s);
  for (char c : s) {
    bool safe = std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-' || c == '.' || c == '/' ||
                c == ' ' || c == ':';
    if (!safe) plain = false;
  }
  if (plain && (s.back() == ' ' || s.find(": ") != std::string::npos || s.back() == ':')) plain = false;
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
    os << k << ": ";
    switch (v.kind) {
      case Value::Kind::Null: os << "null"; break;
      case Value::Kind::Int: os << v.number; break;
      case Value::Kind::String: os << scalar(v.text); break;
      case Value::Kind::EmptyList: os << "[]"; break;
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

}  // namespace lab::yaml
