#pragma once
// Batch scoring (the loan workshop's "batch vs real-time scoring"): a CSV file of requests is checked
// against the served model's contract row by row; valid rows are scored together, invalid rows
// keep every problem with its row and field, and the result comes back as a CSV to download.
// Batch rows are not live traffic, so they do not enter the request log.
#include <cstddef>
#include <functional>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "core/serve/contract.hpp"

namespace lab {

struct BatchLimits {
  size_t max_bytes = 20u * 1024u * 1024u;  // a browser tab holds the file, the reply and the result
  size_t max_rows = 200'000;
};

// Why a chosen file cannot be scored, judged before reading it ("" when it can): not a .csv
// name, empty, or larger than the limit. The browser asks this before it reads the bytes.
std::string batch_file_problem(const std::string& filename, size_t bytes, const BatchLimits& limits = {});

struct BatchRowError {
  size_t row = 0;  // line in the file (the header is line 1), so it can be found in an editor
  std::string field, kind, message;
};

struct BatchResult {
  size_t rows = 0, scored = 0, rejected = 0;
  nlohmann::json results = nlohmann::json::array();  // per row: the model's reply, or {row, error, errors}
  std::vector<BatchRowError> errors;                  // every problem of every rejected row
  std::string csv;                                    // the input columns + prediction, confidence, error
  nlohmann::json to_json() const;
};

// Scores a list of valid feature objects at once and returns one reply per object, in order
// ({"prediction": ..., "confidence": ..., ...}). It may throw: then every row is rejected with
// that message.
using BatchScorer = std::function<nlohmann::json(const nlohmann::json& feature_objects)>;

// Throws std::invalid_argument when the file as a whole cannot be scored: CSV syntax (with the
// line), no data rows, too many rows, or required columns missing from the header (named).
BatchResult score_batch(const InferenceContract& contract, const std::string& csv_text, const BatchScorer& score,
                        const BatchLimits& limits = {});

}  // namespace lab
