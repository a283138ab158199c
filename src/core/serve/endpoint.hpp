#pragma once
// A served model behind its contract: validates each request, routes a share of traffic to a
// challenger, falls back to a fallback model while the primary's circuit is open, measures
// latency, and appends every request to the request log that monitoring reads later.
// The dispatcher calls it in the tab; a native HTTP server can expose the same behaviour as
// /health, /contract and /predict.
#include <cstdint>
#include <deque>
#include <functional>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "core/math/rng.hpp"
#include "core/serve/circuit_breaker.hpp"
#include "core/serve/contract.hpp"

namespace lab {

// One model the endpoint can call: name/version for the response, and the scoring function
// (features object -> {"prediction": ..., "probabilities": {...}}). It may throw.
struct ServedModel {
  std::string name;
  int version = 0;
  std::function<nlohmann::json(const nlohmann::json& features)> score;
  // Optional: a list of feature objects -> a list of replies, in one pass (batch scoring).
  std::function<nlohmann::json(const nlohmann::json& feature_objects)> score_many{};
};

struct RequestLogEntry {
  std::string request_id;
  int64_t time_ms = 0;
  nlohmann::json inputs, output;
  double latency_ms = 0;
  std::string model, variant, status;  // variant: primary | challenger | fallback; status: ok | invalid | failed
  int version = 0;
  std::optional<double> ground_truth;  // filled later, when the true outcome is known
};

// Requests answered so far, by outcome. Restored from the persisted log after a reload.
struct RequestCounts {
  uint64_t total = 0, ok = 0, invalid = 0, failed = 0, fallback = 0, challenger = 0;
  void add(const std::string& status, const std::string& variant);
};

struct EndpointTimes {
  std::function<int64_t()> now_ms;      // wall clock for the log
  std::function<double()> monotonic_ms;  // for latency
};

class Endpoint {
 public:
  Endpoint(std::string name, InferenceContract contract, ServedModel primary, EndpointTimes times, uint64_t seed);

  void set_challenger(std::optional<ServedModel> challenger, double share);  // share in [0, 1]
  void set_fallback(std::optional<ServedModel> fallback);
  void set_primary(ServedModel primary);  // e.g. after a promotion or a rollback
  // Request ids are "req-<prefix>-<n>" with n counting from 1: pass a prefix no earlier session
  // used (the serving hub checks the log) and the ids never repeat in one log.
  void set_request_id_prefix(const std::string& prefix) { id_prefix_ = prefix; }
  const std::string& request_id_prefix() const { return id_prefix_; }
  // Counts carried over from earlier sessions (derived from the persisted log).
  void restore_counts(const RequestCounts& c) { counts_ = c; }
  const RequestCounts& counts() const { return counts_; }

  // Always returns a JSON reply; never throws for bad input. 200-like replies carry
  // prediction, probabilities, model, version, variant, latency_ms, request_id.
  // `at_ms`: the time to log instead of the clock's (the monitor's simulated clock).
  nlohmann::json predict(const nlohmann::json& request, std::optional<int64_t> at_ms = std::nullopt);
  nlohmann::json health() const;
  const InferenceContract& contract() const { return contract_; }
  // The most recent entries: at most kLogKept of them and about kLogBytesKept of inputs and
  // outputs (a long-running server must stay flat even when clients send large requests), but
  // always the latest one. The full log is the file the serving hub appends to.
  const std::deque<RequestLogEntry>& log() const { return log_; }
  static constexpr size_t kLogKept = 1000;
  static constexpr size_t kLogBytesKept = 4u << 20;
  const CircuitBreaker& breaker() const { return breaker_; }
  const std::string& name() const { return name_; }
  double challenger_share() const { return share_; }
  const ServedModel& primary() const { return primary_; }
  const std::optional<ServedModel>& challenger() const { return challenger_; }
  const std::optional<ServedModel>& fallback() const { return fallback_; }

 private:
  std::string next_request_id();
  std::string name_;
  InferenceContract contract_;
  ServedModel primary_;
  std::optional<ServedModel> challenger_, fallback_;
  double share_ = 0;
  EndpointTimes times_;
  Rng rng_;
  CircuitBreaker breaker_;
  std::deque<RequestLogEntry> log_;
  std::deque<size_t> log_bytes_;  // approximate size of each kept entry
  size_t kept_bytes_ = 0;
  void remember(RequestLogEntry entry);
  int64_t started_ms_ = 0;
  std::string id_prefix_;
  uint64_t next_id_ = 1;
  RequestCounts counts_;
};

}  // namespace lab
