#pragma once
// A pass over a learner's rows cut into parts of bounded work, for Learner::step_part: each part
// is a run of consecutive rows, and whatever a pass sums over the rows runs on from one part to
// the next, so the sums are added in the same order and give the same bits as the pass done at
// once. Work is counted in row visits (about a value read and used), the unit of the tree
// learners' parts (tree_step_parts.hpp).
#include <algorithm>
#include <cstddef>

namespace lab {

// Row visits per part of a step: a few ms of work natively at any size.
inline constexpr size_t kWorkPerPart = size_t(1) << 21;
// What one exp or log costs in row visits, for passes that compute them per row.
inline constexpr size_t kVisitsPerTranscendental = 8;

struct RowRange {
  size_t from = 0, to = 0;
  size_t size() const { return to - from; }
};

class RowParts {
 public:
  // rows, each costing visits_per_row; parts start at multiples of `align` rows (for passes that
  // sum in fixed blocks of rows, so the blocks stay the same).
  void start(size_t rows, size_t visits_per_row, size_t align = 1) {
    rows_ = rows;
    next_ = 0;
    visits_ = std::max<size_t>(1, visits_per_row);
    align_ = std::max<size_t>(1, align);
  }
  bool done() const { return next_ >= rows_; }
  // The next run of rows, of at most `work` row visits (at least one row, or one aligned block).
  RowRange next(size_t work = kWorkPerPart) {
    const RowRange r{next_, std::min(rows_, next_ + rows_for(work))};
    next_ = r.to;
    return r;
  }
  size_t rows_per_part() const { return rows_for(kWorkPerPart); }
  size_t visits(const RowRange& r) const { return r.size() * visits_; }

 private:
  size_t rows_for(size_t work) const { return std::max(align_, work / visits_ / align_ * align_); }
  size_t rows_ = 0, next_ = 0, visits_ = 1, align_ = 1;
};

}  // namespace lab
