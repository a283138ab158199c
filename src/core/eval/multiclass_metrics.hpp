#pragma once
// Multi-class metrics. y holds labels 0 .. k-1; P is n x k class probabilities (rows of
// Learner::predict for a Multiclass task). The predicted class is the most probable one (the
// first on a tie, as numpy's argmax).
#include <cstddef>
#include <vector>

#include "core/models/matrix.hpp"

namespace lab {

std::vector<size_t> predicted_classes(const DenseMatrix& P);
double multiclass_accuracy(const std::vector<double>& y, const DenseMatrix& P);
// confusion[true][predicted]
std::vector<std::vector<size_t>> multiclass_confusion(const std::vector<double>& y, const DenseMatrix& P);

struct AveragedScores {
  double precision = 0, recall = 0, f1 = 0;
};
// Per-class scores averaged over the classes that occur in y or in the predictions (sklearn's
// label set): macro = plain mean, weighted = weighted by each class's count in y. A class never
// predicted has precision 0 (sklearn's zero_division=0).
AveragedScores macro_scores(const std::vector<double>& y, const DenseMatrix& P);
AveragedScores weighted_scores(const std::vector<double>& y, const DenseMatrix& P);
// Mean -log P[y]; rows clipped to [eps, 1 - eps] (eps = float64 machine epsilon)
// and renormalised, as sklearn 1.2 does.
double multiclass_log_loss(const std::vector<double>& y, const DenseMatrix& P);
// Mean over classes of the ROC AUC of "this class vs the rest". A class absent from y makes it
// NaN (sklearn raises an error there).
double ovr_macro_roc_auc(const std::vector<double>& y, const DenseMatrix& P);

}  // namespace lab
