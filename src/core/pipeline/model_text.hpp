#pragma once
// The text of a trained model's document, TrainJob::model_json().dump(2) byte for byte, built a
// list item per call: a forest of deep trees at a million rows is megabytes of JSON, which the
// session saves over several units of work instead of one that holds a frame up for seconds.
#include <string>

#include "core/pipeline/train_job.hpp"

namespace lab {

class ModelTextWriter {
 public:
  explicit ModelTextWriter(const TrainJob& job);  // dumps the document less its long list
  bool done() const { return next_ >= size_; }
  void add_next();     // dumps the next item of the list (a forest's tree)
  size_t added() const { return next_; }
  std::string take();  // after done(): the whole text

 private:
  const Learner& learner_;
  std::string text_, tail_, item_indent_;
  size_t next_ = 0, size_ = 0;
};

}  // namespace lab
