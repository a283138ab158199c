#include "core/pipeline/model_text.hpp"

#include <cstdint>
#include <stdexcept>

namespace lab {

namespace {
// Stands in for the list in the dumped document; control characters never occur in a key or
// value of a model document, so its escaped form is found exactly once.
const char* const kListMark = "\x01list\x01";
}  // namespace

ModelTextWriter::ModelTextWriter(const TrainJob& job) : learner_(job.learner()) {
  const Learner::JsonList list = learner_.json_list();
  if (list.size == 0) {  // a small document: written in pieces all the same
    item_ = std::make_unique<JsonTextWriter>(job.model_json(), 2);
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
  const size_t key_indent = whole.find_first_not_of(' ', line) - line;
  item_indent_ = key_indent + 2;
  head_ = whole.substr(0, at) + "[";
  tail_ = "\n" + std::string(key_indent, ' ') + "]" + whole.substr(at + mark.size());
  size_ = list.size;
}

void ModelTextWriter::write_next(std::string& out, size_t max_values) {
  if (done()) throw std::logic_error("model text: every piece is written");
  if (!head_written_) out += head_, head_written_ = true;
  size_t written = 0;
  while (written < max_values) {
    if (item_) {
      written += item_->write_next(out, max_values - written);
      if (!item_->done()) continue;
      item_.reset();  // freeing a deep tree's JSON takes ms: the next item is built in the next piece
      if (next_ < size_) return;
      continue;
    }
    if (next_ < size_) {  // the next item, built only now: one tree's JSON at a time
      out += next_ > 0 ? ",\n" : "\n";
      out.append(item_indent_, ' ');
      item_ = std::make_unique<JsonTextWriter>(learner_.json_list_item(next_++), 2, item_indent_);
      continue;
    }
    out += tail_;
    tail_written_ = true;
    return;
  }
}

std::string ModelTextWriter::all() {
  std::string out;
  while (!done()) write_next(out, SIZE_MAX);
  return out;
}

}  // namespace lab
