#pragma once
// The fitted feature pipeline: raw columns in, the learner's numeric matrix out. Fitted on the
// training rows only, saved inside the model JSON, and applied identically to test rows and at
// serving time (to a Table or to JSON records such as one request).
//
// The spec, declared in JSON (every field optional; the defaults are shown):
// {
//   "drop":    [],                         // input columns to leave out
//   "derived": [                           // new numeric columns from two raw columns
//     {"name": "loan_to_income", "op": "ratio", "a": "loan_amount", "b": "income"},
//     {"name": "log_income", "op": "log1p", "a": "income"}],
//                                          // ops: ratio a/b, product a*b, difference a-b, log1p ln(1+a);
//                                          // a result that is undefined (b = 0, a <= -1) is missing
//   "impute":  {"numeric": "median", "categorical": "most_frequent"},
//                                          // numeric: mean | median | most_frequent | none
//   "scale":   "standard",                 // standard (mean 0, sd 1, over the training rows) | none
//   "bins":    [{"column": "age", "n_bins": 5, "encode": "onehot"}],
//                                          // quantile bins from the training rows; encode onehot | ordinal;
//                                          // a binned column is not scaled
//   "one_hot": {"unknown": "ignore"}       // categorical columns become one 0/1 column per category
// }                                        // seen in training; an unseen category gives all zeros
//
// Steps run in this order: derive, impute, bin, scale, one-hot. Output columns: the numeric
// inputs in input order, then the derived features, then the one-hot columns of the categorical
// inputs; names are "col" for a number, "col#bin2" for a one-hot bin, "col=cat" for a category.
// With impute "none", a missing number stays NaN (for learners that handle it) and a missing
// category is all zeros.
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "core/data/table.hpp"
#include "core/models/matrix.hpp"

namespace lab {

class FeaturePipeline {
 public:
  FeaturePipeline() = default;

  // inputs: the raw columns to use (usually the table's feature columns). Throws
  // std::invalid_argument for a bad spec (naming the field) or missing columns. All columns in
  // one call; FeaturePipelineFitter fits the same pipeline one column per call.
  static FeaturePipeline fit(const Table& t, const std::vector<size_t>& rows, const std::vector<std::string>& inputs,
                             const nlohmann::json& spec = nlohmann::json::object());

  DenseMatrix transform(const Table& t, const std::vector<size_t>& rows) const;
  // records: one JSON object or an array of them, {"column": value}. An absent or null field is
  // missing (imputed). Throws naming the record and field for a wrong type.
  DenseMatrix transform_records(const nlohmann::json& records) const;

  const std::vector<std::string>& input_names() const { return input_names_; }
  const std::vector<std::string>& output_names() const { return output_names_; }
  size_t output_width() const { return output_names_.size(); }
  // For each output column, the participant's column it came from: the input (or derived
  // feature) a number, its bins or its one-hot categories were made from. Explanations sum
  // contributions over these so people see their own columns, not pipeline internals.
  std::vector<std::string> output_sources() const;

  nlohmann::json to_json() const;
  static FeaturePipeline from_json(const nlohmann::json& j);

 private:
  friend class FeaturePipelineFitter;  // fits one column at a time (feature_pipeline_fitter.hpp)
  enum class Op { Input, Ratio, Product, Difference, Log1p };
  struct NumericFeature {
    std::string name;
    Op op = Op::Input;
    size_t a = 0, b = 0;  // indices into the raw inputs (a only for Input and Log1p)
    double impute = 0;    // NaN: no imputation
    std::vector<double> edges;  // bins; empty: not binned
    bool onehot_bins = true;
    double mean = 0, scale = 1;  // scale 0 never: constant columns keep scale 1
    bool scaled = false;
  };
  struct CategoricalFeature {
    std::string name;
    size_t input = 0;
    std::vector<std::string> categories;
    double impute = -1;  // category slot used for missing values; -1: none (all zeros)
  };
  struct RawInput {
    std::string name;
    ColumnType type = ColumnType::Numeric;
  };

  // Raw values per input column: numbers, or for categoricals the slot in the fitted category
  // list (-1 for a category never seen in training, NaN for missing).
  using Raw = std::vector<std::vector<double>>;
  DenseMatrix apply(const Raw& raw, size_t n) const;
  void build_output_names();

  std::vector<RawInput> inputs_;
  std::vector<std::string> input_names_;
  std::vector<NumericFeature> numeric_;
  std::vector<CategoricalFeature> categorical_;
  std::vector<std::string> output_names_;
  nlohmann::json spec_;
};

}  // namespace lab
