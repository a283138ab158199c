#include "core/pipeline/json_text_writer.hpp"

namespace lab {

namespace {
using Serializer = nlohmann::detail::serializer<nlohmann::json>;
Serializer serializer_into(std::string& out) {
  return Serializer(nlohmann::detail::output_adapter<char, std::string>(out), ' ', nlohmann::json::error_handler_t::strict);
}
}  // namespace

JsonTextWriter::JsonTextWriter(nlohmann::json value, int indent, size_t base_indent)
    : value_(std::move(value)), step_(indent), base_(base_indent) {}

// A scalar or an empty container is written whole (dump()'s own serializer, so numbers and
// escapes are its); a non-empty container is opened and its items follow one by one.
void JsonTextWriter::open(const nlohmann::json& v, size_t indent, Serializer& s, std::string& out, size_t& written) {
  if (!v.is_structured() || v.empty()) {
    s.dump(v, false, false, 0);
    ++written;
    return;
  }
  out += v.is_object() ? '{' : '[';
  stack_.push_back({&v, v.cbegin(), indent});
}

size_t JsonTextWriter::write_next(std::string& out, size_t max_values) {
  size_t written = 0;
  Serializer s = serializer_into(out);  // one per call: it allocates its buffers
  if (!started_) {
    started_ = true;
    open(value_, base_, s, out, written);
  }
  const bool pretty = step_ >= 0;
  const size_t step = pretty ? size_t(step_) : 0;
  while (!stack_.empty() && written < max_values) {
    Open& o = stack_.back();
    if (o.next == o.value->cend()) {  // dump(): "\n", the container's indent, the bracket
      if (pretty) out += '\n', out.append(o.indent, ' ');
      out += o.value->is_object() ? '}' : ']';
      stack_.pop_back();
      continue;
    }
    if (o.next != o.value->cbegin()) out += ',';
    if (pretty) out += '\n', out.append(o.indent + step, ' ');
    if (o.value->is_object()) {
      s.dump(nlohmann::json(o.next.key()), false, false, 0);
      out += pretty ? ": " : ":";
    }
    const nlohmann::json& item = *o.next;
    const size_t indent = o.indent + step;
    ++o.next;  // before open() may grow the stack and move `o`
    open(item, indent, s, out, written);
  }
  return written;
}

}  // namespace lab
