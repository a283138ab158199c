#pragma once
// The text of value.dump(indent) in parts of a bounded number of values, byte for byte: a model
// of deep trees or 200k test predictions is megabytes of JSON, and turning numbers into text is
// what costs, so the session writes such a document a part per unit of work (appending to the
// artifact) instead of in one unit that holds a frame up.
#include <cstddef>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace lab {

class JsonTextWriter {
 public:
  // indent as in json::dump (-1: compact); base_indent: the column the value starts at, for a
  // value nested in a document dumped around it (its closing bracket and items are indented
  // from there, as dump() of the whole document would).
  explicit JsonTextWriter(nlohmann::json value, int indent = -1, size_t base_indent = 0);
  JsonTextWriter(const JsonTextWriter&) = delete;  // the parts' cursor points into the value
  JsonTextWriter& operator=(const JsonTextWriter&) = delete;

  bool done() const { return started_ && stack_.empty(); }
  // Appends the next part of the text to out: about max_values scalar values (numbers, strings,
  // empty containers), at least one. Returns how many it wrote.
  size_t write_next(std::string& out, size_t max_values);

 private:
  struct Open {
    const nlohmann::json* value;
    nlohmann::json::const_iterator next;
    size_t indent;
  };
  using Serializer = nlohmann::detail::serializer<nlohmann::json>;  // what json::dump writes with
  void open(const nlohmann::json& v, size_t indent, Serializer& s, std::string& out, size_t& written);

  nlohmann::json value_;
  int step_;
  size_t base_;
  bool started_ = false;
  std::vector<Open> stack_;  // the containers being written, outermost first
};

}  // namespace lab
