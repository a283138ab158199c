#pragma once
// What a served endpoint counts for Prometheus: HTTP requests by route and status, predictions
// by status and model version, the latency histogram, the distribution of predictions (class
// counts, confidence, regression values) and the circuit breaker's state. The HTTP server
// (src/server) records into it and serves render() as /metrics; nothing here knows about
// sockets or clocks (latency comes in measured). Not thread-safe: the caller serializes.
#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <tuple>
#include <vector>

#include "core/serve/circuit_breaker.hpp"

namespace lab {

struct ServingMetricsState {  // the live facts rendered as gauges
  std::string model, alias, endpoint;
  int version = 0;
  CircuitBreaker::State circuit = CircuitBreaker::State::Closed;
  double uptime_seconds = 0;
};

class ServingMetrics {
 public:
  ServingMetrics();
  void record_http(const std::string& route, const std::string& method, int status);
  // One /predict call: its HTTP status, the reply (prediction, confidence, model, version,
  // variant when scored) and the latency measured around it.
  void record_prediction(int status, const nlohmann::json& reply, double latency_ms);
  std::string render(const ServingMetricsState& state) const;  // text format 0.0.4

  static const std::vector<double>& latency_bounds_seconds();

 private:
  std::map<std::tuple<std::string, std::string, int>, uint64_t> http_;                 // route, method, status
  std::map<std::tuple<std::string, std::string, std::string, int>, uint64_t> predict_;  // model, version, variant, status
  std::map<std::tuple<std::string, std::string, std::string>, uint64_t> classes_;       // model, version, class
  std::vector<uint64_t> latency_, confidence_;
  double latency_sum_ = 0, confidence_sum_ = 0, value_sum_ = 0;
  uint64_t value_count_ = 0;
};

}  // namespace lab
