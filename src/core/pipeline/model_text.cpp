#include "core/pipeline/model_text.hpp"

#include <stdexcept>

namespace lab {

namespace {
// Stands in for the list in the dumped document; control characters never occur in a key or
// value of a model document, so its escaped form is found exactly once.
const char* const kListMark = "\x01list\x01";

// dump(2) of a value nested deeper: every line after the first moves right by `indent`.
std::string indented(const std::string& text, const std::string& indent) {
  std::string out;
  out.reserve(text.size() + text.size() / 8);
  for (char c : text) {
    out += c;
    if (c == '\n') out += indent;
  }
  return out;
}
}  // namespace

ModelTextWriter::ModelTextWriter(const TrainJob& job) : learner_(job.learner()) {
  const Learner::JsonList list = learner_.json_list();
  if (list.size == 0) {
    text_ = job.model_json().dump(2);
    return;
  }
  nlohmann::json model = learner_.to_json_without_list();
  model[list.key] = kListMark;
  const std::string whole = job.model_document(std::move(model)).dump(2);
  const std::string mark = nlohmann::json(kListMark).dump();
  const size_t at = whole.find(mark);
  if (at == std::string::npos || whole.find(mark, at + 1) != std::string::npos)
    throw std::logic_error("model text: the list's place was not found once");
  const size_t line = whole.rfind('\n', at) + 1;
  const std::string key_indent = whole.substr(line, whole.find_first_not_of(' ', line) - line);
  item_indent_ = key_indent + "  ";
  text_ = whole.substr(0, at) + "[\n";
  tail_ = "\n" + key_indent + "]" + whole.substr(at + mark.size());
  size_ = list.size;
}

void ModelTextWriter::add_next() {
  if (done()) throw std::logic_error("model text: every item is written");
  if (next_ > 0) text_ += ",\n";
  text_ += item_indent_;
  text_ += indented(learner_.json_list_item(next_++).dump(2), item_indent_);
}

std::string ModelTextWriter::take() {
  if (!done()) throw std::logic_error("model text: items are left to write");
  return std::move(text_) + tail_;
}

}  // namespace lab
