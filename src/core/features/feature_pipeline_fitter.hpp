#pragma once
// Fits a FeaturePipeline one column at a time, so a training job can spread the fit over frames:
// at a million rows a column's median and scale take milliseconds, the whole table a second.
// The constructor checks the spec and the columns (no row is read); fit_next() fits one input's
// categories or one numeric feature's imputation, bins and scaling; finish() hands over the
// pipeline, identical to FeaturePipeline::fit's (which is this loop).
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "core/features/feature_pipeline.hpp"

namespace lab {

class FeaturePipelineFitter {
 public:
  // Throws std::invalid_argument for a bad spec or missing columns, as FeaturePipeline::fit.
  // `t` and `rows` must outlive the fitter.
  FeaturePipelineFitter(const Table& t, const std::vector<size_t>& rows, const std::vector<std::string>& inputs,
                        const nlohmann::json& spec);

  bool done() const { return next_ >= units(); }
  // Fits the next column; returns its name. Call while !done().
  std::string fit_next();
  // After done(): the fitted pipeline (throws when no feature is left to train on).
  FeaturePipeline finish();

 private:
  size_t units() const { return categorical_inputs_.size() + p_.numeric_.size(); }
  void fit_categorical(size_t input);
  void fit_numeric(FeaturePipeline::NumericFeature& f);

  const std::vector<size_t>& rows_;
  FeaturePipeline p_;
  std::vector<const Column*> cols_;          // the inputs kept, in input order
  std::vector<size_t> categorical_inputs_;   // their categorical ones
  std::string num_imp_, cat_imp_, scale_;
  std::map<std::string, nlohmann::json> bins_;  // numeric feature name -> its checked "bins" entry
  size_t next_ = 0;
};

}  // namespace lab
