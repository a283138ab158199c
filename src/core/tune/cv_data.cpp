#include "core/tune/cv_data.hpp"

#include "core/features/feature_pipeline.hpp"
#include "core/tune/cv_folds.hpp"

namespace lab {

CvData prepare_cv_data(const Table& data, const TrainJob& probe, const TrainRequest& req, int k, uint64_t seed) {
  CvData cv;
  cv.task = probe.target_task();
  cv.training_rows = probe.training_rows();
  cv.test_rows = probe.test_rows();
  const Column& target = *data.target();
  std::vector<double> labels;
  for (size_t r : cv.training_rows) labels.push_back(cv.task.label_of(target.values[r]));
  const Folds folds = cv_folds(labels, cv.task.task, k, seed, cv.task.class_names);
  for (size_t f = 0; f < folds.size(); ++f) {
    std::vector<size_t> fit_rows, held_rows;
    CvFold fold;
    for (size_t i : train_rows_of(folds, f)) fit_rows.push_back(cv.training_rows[i]), fold.y_train.push_back(labels[i]);
    for (size_t i : folds[f]) held_rows.push_back(cv.training_rows[i]), fold.y_test.push_back(labels[i]);
    const FeaturePipeline pipeline = FeaturePipeline::fit(data, fit_rows, probe.input_names(), req.features);
    fold.X_train = pipeline.transform(data, fit_rows);
    fold.X_test = pipeline.transform(data, held_rows);
    cv.folds.push_back(std::move(fold));
  }
  return cv;
}

}  // namespace lab
