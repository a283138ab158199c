#pragma once
// A finished run made ready to explain: its model and fitted pipeline, its held-out rows as the
// participant's records (re-split from the dataset it was trained on, exactly as training split
// it), their labels, and its input contract (ranges and categories for the what-if editor).
// Loading reads model.json once; ExplainSubjects keeps the last few so a what-if slider that
// moves every frame costs one prediction, not a reload.
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "core/data/table.hpp"
#include "core/explain/lime_tabular.hpp"
#include "core/pipeline/predictor.hpp"
#include "core/serve/contract.hpp"

namespace lab {

class Session;

struct ExplainSubject {
  std::string run_id, run_name, algo, dataset_hash;
  std::unique_ptr<Predictor> predictor;
  nlohmann::json records = nlohmann::json::array();  // one {column: value} per held-out row
  DenseMatrix X;                                     // the records through the pipeline
  std::vector<double> y;                             // their labels (class index or value)
  std::optional<InferenceContract> contract;
  // LIME's view of the training rows (quartiles, bin and category shares) and an empty table
  // of the model's input columns (names, types, categories) to fill with LIME's samples.
  LimeDomain lime;
  Table input_template;
  // The held-out rows as a table of the model's input columns (partial dependence edits a column).
  Table held_out;

  // The record of held-out row `row`; throws std::invalid_argument naming the valid range.
  const nlohmann::json& record(int64_t row) const;
};

class ExplainSubjects {
 public:
  // Throws std::invalid_argument with what to do: unknown or unfinished run, model missing,
  // the lab holding another dataset than the run was trained on.
  const ExplainSubject& get(const Session& s, const std::string& run_id);

 private:
  std::vector<std::shared_ptr<ExplainSubject>> kept_;  // most recently used last
};

}  // namespace lab
