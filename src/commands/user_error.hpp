#pragma once
// What a participant reads when something throws: our own messages pass (made valid UTF-8);
// a dependency's text (nlohmann's "[json.exception...]", the standard library's "vector::_M_range_check",
// "stod", "std::bad_alloc") never does: it becomes a sentence saying what happened and what to do.
#include <exception>
#include <string>

namespace lab {

// `during` names the action for the generic message, e.g. "the command 'train.run'".
std::string user_error_message(const std::exception& e, const std::string& during);

// True when a message reads like a library's internal text rather than one of the lab's sentences.
bool looks_internal(const std::string& message);

}  // namespace lab
