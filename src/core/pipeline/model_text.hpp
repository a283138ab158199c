#pragma once
// The text of a trained model's document, TrainJob::model_json().dump(2) byte for byte, in
// pieces of a bounded number of values: a forest of deep trees at a million rows is hundreds of
// megabytes of JSON, which the session appends to the artifact over many units of work instead
// of one that holds a frame up for seconds. A learner with a long list (Learner::json_list: a
// forest's trees) has its items built one at a time, so the whole document never exists at once.
#include <memory>
#include <string>

#include "core/pipeline/json_text_writer.hpp"
#include "core/pipeline/train_job.hpp"

namespace lab {

class ModelTextWriter {
 public:
  // Numbers per piece: a few ms of number formatting natively.
  static constexpr size_t kValuesPerPiece = 16384;

  explicit ModelTextWriter(const TrainJob& job);  // dumps the document less its long list
  bool done() const { return tail_written_; }
  // Appends the next piece of the text to out (about max_values numbers of it).
  void write_next(std::string& out, size_t max_values = kValuesPerPiece);
  // Which list item (1-based) the last piece wrote into; 0 before the list or without one.
  size_t item() const { return next_; }
  size_t items() const { return size_; }
  std::string all();  // every piece left, at once (tests, small models)

 private:
  const Learner& learner_;
  std::string head_, tail_;
  size_t item_indent_ = 0;
  size_t next_ = 0, size_ = 0;
  std::unique_ptr<JsonTextWriter> item_;  // the value being written: a list item, or the document
  bool head_written_ = false, tail_written_ = false;
};

}  // namespace lab
