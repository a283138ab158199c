#include "core/serve/request_text.hpp"

#include <algorithm>
#include <cctype>

namespace lab {

using nlohmann::json;

namespace {
// nlohmann's message after its "... - " prefix: "unexpected '}'; expected string literal".
std::string detail_of(const std::string& what) {
  size_t dash = what.rfind(" - ");
  std::string d = dash == std::string::npos ? what : what.substr(dash + 3);
  return d;
}
}  // namespace

ParsedRequestText parse_request_text(const std::string& text) {
  ParsedRequestText r;
  try {
    r.value = json::parse(text);
    return r;
  } catch (const json::parse_error& e) {
    // e.byte is the 1-based index of the last character read: the end of the offending token.
    // Point at the token's start instead ("income" of a missing comma, not its closing quote).
    size_t at = e.byte == 0 ? 0 : std::min<size_t>(e.byte - 1, text.size());
    if (at < text.size() && text[at] == '"' && at > 0) {
      size_t k = at;
      while (k > 0 && text[k - 1] != '"') --k;
      if (k > 0) at = k - 1;
    } else {
      auto word = [&](size_t i) { return std::isalnum(static_cast<unsigned char>(text[i])) || text[i] == '.'; };
      while (at > 0 && at < text.size() && word(at) && word(at - 1)) --at;
    }
    r.line = 1;
    r.column = 1;
    for (size_t i = 0; i < at; ++i) {
      if (text[i] == '\n') {
        ++r.line;
        r.column = 1;
      } else {
        ++r.column;
      }
    }
    std::string detail = text.find_first_not_of(" \t\r\n") == std::string::npos ? "the request is empty" : detail_of(e.what());
    r.error = "The request is not valid JSON: line " + std::to_string(r.line) + ", column " + std::to_string(r.column) + ": " +
              detail + ". Check the commas, quotes and brackets around that point.";
  }
  return r;
}

json ParsedRequestText::error_reply() const {
  return {{"status", 400}, {"error", error}, {"line", line}, {"column", column}};
}

}  // namespace lab
