#pragma once
// Fits a FeaturePipeline a part of a column at a time, so a training job can spread the fit over
// frames: at a million rows a column takes tens of ms, the whole table a second. The constructor
// checks the spec and the columns (no row is read); fit_next() fits one input's categories, or a
// part of one numeric feature (a run of rows of its values, its imputation, its bins, a run of
// its scaling sums); finish() hands over the pipeline, identical to FeaturePipeline::fit's (which
// is this loop).
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "core/features/feature_pipeline.hpp"
#include "core/models/row_parts.hpp"

namespace lab {

class FeaturePipelineFitter {
 public:
  // Throws std::invalid_argument for a bad spec or missing columns, as FeaturePipeline::fit.
  // `t` and `rows` must outlive the fitter.
  FeaturePipelineFitter(const Table& t, const std::vector<size_t>& rows, const std::vector<std::string>& inputs,
                        const nlohmann::json& spec);

  bool done() const { return next_ >= units(); }
  // Fits the next column or part of it; returns the column's name. Call while !done().
  std::string fit_next();
  // After done(): the fitted pipeline (throws when no feature is left to train on).
  FeaturePipeline finish();

 private:
  size_t units() const { return categorical_inputs_.size() + p_.numeric_.size(); }
  void fit_categorical(size_t input);
  bool fit_numeric_part(FeaturePipeline::NumericFeature& f);  // true once f is fitted

  // A numeric feature being fitted: its stage, and its values and sums so far. Each pass over
  // the rows runs in row order across the parts, so the sums are those of one pass.
  enum class Stage { Gather, Present, Impute, Fill, Fit, Mean, Spread };
  struct NumericWork {
    Stage stage = Stage::Gather;
    RowParts rows;
    std::vector<double> v, present;
    double sum = 0;
  };
  std::optional<NumericWork> work_;

  const std::vector<size_t>& rows_;
  FeaturePipeline p_;
  std::vector<const Column*> cols_;          // the inputs kept, in input order
  std::vector<size_t> categorical_inputs_;   // their categorical ones
  std::string num_imp_, cat_imp_, scale_;
  std::map<std::string, nlohmann::json> bins_;  // numeric feature name -> its checked "bins" entry
  size_t next_ = 0;
};

}  // namespace lab
