#pragma once
// A request typed in the editor, parsed: the JSON value, or what is wrong with the text and
// where (line and column, both from 1), so a participant can find the missing comma.
#include <nlohmann/json.hpp>
#include <string>

namespace lab {

struct ParsedRequestText {
  nlohmann::json value;
  std::string error;  // "" when the text is valid JSON
  int line = 0, column = 0;
  bool ok() const { return error.empty(); }
  // {"status": 400, "error": ..., "line": .., "column": ..}
  nlohmann::json error_reply() const;
};

ParsedRequestText parse_request_text(const std::string& text);

}  // namespace lab
