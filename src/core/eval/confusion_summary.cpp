#include "core/eval/confusion_summary.hpp"

#include <algorithm>

namespace lab {

ConfusionSummary summarise_confusion(const std::vector<std::vector<size_t>>& m, size_t max_shown) {
  const size_t k = m.size();
  ConfusionSummary s;
  s.per_class.resize(k);
  for (size_t a = 0; a < k; ++a) {
    ClassSummary& c = s.per_class[a];
    c.cls = a;
    for (size_t p = 0; p < k && p < m[a].size(); ++p) {
      c.rows += m[a][p];
      s.per_class[p].predicted += m[a][p];
      if (p == a) c.correct = m[a][p];
      else if (m[a][p] > c.confused_count) {
        c.confused_count = m[a][p];
        c.confused_with = long(p);
      }
    }
  }
  for (ClassSummary& c : s.per_class) {
    c.recall = c.rows ? double(c.correct) / double(c.rows) : 0.0;
    c.precision = c.predicted ? double(c.correct) / double(c.predicted) : 0.0;
  }
  std::stable_sort(s.per_class.begin(), s.per_class.end(),
                   [](const ClassSummary& x, const ClassSummary& y) { return x.rows > y.rows; });

  const bool all = k <= max_shown;
  const size_t n_shown = all ? k : max_shown;
  std::vector<long> slot(k, long(n_shown));  // where each class lands in the small matrix
  for (size_t i = 0; i < n_shown; ++i) {
    const size_t cls = all ? i : s.per_class[i].cls;  // all shown: keep the classes' own order
    s.shown.push_back(cls);
    slot[cls] = long(i);
  }
  s.other_classes = k - n_shown;
  const size_t side = n_shown + (s.other_classes ? 1 : 0);
  s.matrix.assign(side, std::vector<size_t>(side, 0));
  for (size_t a = 0; a < k; ++a)
    for (size_t p = 0; p < k && p < m[a].size(); ++p) s.matrix[size_t(slot[a])][size_t(slot[p])] += m[a][p];
  return s;
}

}  // namespace lab
