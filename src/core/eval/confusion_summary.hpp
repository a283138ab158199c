#pragma once
// A confusion matrix too large to read (or to draw: ImGui 1.86 tables stop at 64 columns) shown as
// the classes with the most rows plus one "other" row and column holding the rest, and as a
// per-class table (rows, correct, recall, precision, the class it is most often mistaken for).
#include <cstddef>
#include <string>
#include <vector>

namespace lab {

struct ClassSummary {
  size_t cls = 0;           // index into the class names
  size_t rows = 0;          // actual rows of the class
  size_t predicted = 0;     // rows predicted as the class
  size_t correct = 0;
  double recall = 0;        // correct / rows (0 when there are none)
  double precision = 0;     // correct / predicted (0 when none were predicted)
  long confused_with = -1;  // the class its rows are most often predicted as instead; -1 when never wrong
  size_t confused_count = 0;
};

struct ConfusionSummary {
  std::vector<size_t> shown;                // classes kept in the matrix, most rows first
  size_t other_classes = 0;                 // how many classes "other" stands for (0: none)
  std::vector<std::vector<size_t>> matrix;  // (shown + other) x (shown + other): rows actual, columns predicted
  std::vector<ClassSummary> per_class;      // every class, most rows first (ties: lower index first)
};

// m: k x k, rows actual, columns predicted. Keeps every class when k <= max_shown.
ConfusionSummary summarise_confusion(const std::vector<std::vector<size_t>>& m, size_t max_shown);

}  // namespace lab
