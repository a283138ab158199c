#include "commands/user_error.hpp"

#include <new>
#include <nlohmann/json.hpp>

#include "core/data/text_encoding.hpp"

namespace lab {

bool looks_internal(const std::string& m) {
  // The lab's messages are sentences: several words, no C++ scope operators, no bracketed codes.
  if (m.empty() || m.find(' ') == std::string::npos) return true;
  if (m.rfind("[json.exception", 0) == 0 || m.find("json.exception") != std::string::npos) return true;
  if (m.find("::") != std::string::npos || m.find("std::") != std::string::npos) return true;
  return false;
}

std::string user_error_message(const std::exception& e, const std::string& during) {
  if (dynamic_cast<const std::bad_alloc*>(&e) || dynamic_cast<const std::length_error*>(&e))
    return "the lab ran out of memory during " + during +
           "; use fewer rows or columns (import a sample), or a lighter learner. Everything saved before is kept.";
  if (const auto* j = dynamic_cast<const nlohmann::json::exception*>(&e)) {
    if (j->id == 316)
      return "some text during " + during +
             " is not valid UTF-8; save the file as CSV UTF-8 (or remove unusual characters) and try again.";
    if (dynamic_cast<const nlohmann::json::parse_error*>(&e))
      return "a JSON document read during " + during + " is malformed; check the command or the file it names.";
    // Command fields are read with checks that name the field (json_args.hpp), so a type error
    // here comes from a stored document or a bug: say so, without nlohmann's wording.
    return "the lab hit an internal error during " + during +
           " (a stored document has an unexpected shape); everything saved before is kept. Please report it.";
  }
  const std::string m = to_valid_utf8(e.what());
  if (looks_internal(m))
    return "the lab hit an internal error during " + during +
           "; everything saved before is kept. Please report it with the data that caused it.";
  return m;
}

}  // namespace lab
