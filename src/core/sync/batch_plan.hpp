#pragma once
// Splits one run's params, tags and metric histories into runs/log-batch request bodies that fit
// MLflow's limits (mlflow/utils/validation.py): at most 1000 metrics, 100 params, 100 tags and
// 1000 entities per request, and a body under 1 MB. A 10,000-step history goes up in chunks;
// the cursor says how much of each series the server already acknowledged, so a resumed sync
// sends only the rest.
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/track/run_types.hpp"

namespace lab::sync {

struct BatchLimits {
  size_t metrics = 1000, params = 100, tags = 100, entities = 1000;
  size_t bytes = 900000;  // MLflow refuses bodies over 1,000,000 bytes; keep a margin
};

// What to send: the run's content with its keys in a fixed order.
struct RunContent {
  std::vector<std::pair<std::string, std::string>> params, tags;
  std::map<std::string, std::vector<MetricPoint>> metrics;
};

// How far the server has acknowledged: params and tags by index, metrics by points per key.
struct BatchCursor {
  size_t params = 0, tags = 0;
  std::map<std::string, size_t> metrics;
  bool operator==(const BatchCursor&) const = default;
};

struct PlannedBatch {
  nlohmann::json body;  // {"run_id", "params", "tags", "metrics"}
  BatchCursor after;    // the cursor once the server acknowledged this batch
  size_t entities = 0;
};

// The next batch from `from`, or nullopt when everything up to the content's end was sent.
std::optional<PlannedBatch> next_batch(const std::string& remote_run_id, const RunContent& content,
                                       const BatchCursor& from, const BatchLimits& limits = {});

// MLflow's JSON for a metric value: numbers, or "NaN" / "Infinity" / "-Infinity" (protobuf).
nlohmann::json metric_value_json(double v);
// And back (an answer from get-history).
double metric_value_from_json(const nlohmann::json& v);

// Size limits of MLflow 2.12 (the oldest server a room is likely to run): returns what is too
// long and what the limit is, or "" when the run can go up as it is.
inline constexpr size_t kServerMaxTagValue = 5000;  // 8000 from MLflow 2.17 on
std::string oversized_value(const RunContent& content);

// Characters as Python counts them (code points), which is how MLflow measures lengths.
size_t code_points(const std::string& utf8);

}  // namespace lab::sync
