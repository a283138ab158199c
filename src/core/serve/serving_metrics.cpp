#include "core/serve/serving_metrics.hpp"

#include <algorithm>

#include "core/serve/prometheus_text.hpp"

namespace lab {

using nlohmann::json;

namespace {
// Confidence of the predicted class: at least 1/k, so buckets start at one half (binary).
const std::vector<double> kConfidenceBounds = {0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 0.99};

size_t bucket_of(const std::vector<double>& bounds, double v) {
  return size_t(std::lower_bound(bounds.begin(), bounds.end(), v) - bounds.begin());  // le: v <= bound
}

std::string label_of(const json& v) {
  if (v.is_string()) return v.get<std::string>();
  if (v.is_boolean()) return v.get<bool>() ? "true" : "false";
  return v.dump();
}
}  // namespace

const std::vector<double>& ServingMetrics::latency_bounds_seconds() {
  // 1 ms and 2 ms are bounds so the serving goal (p99 at most 2 ms) can be read off the histogram.
  static const std::vector<double> b = {0.0001, 0.00025, 0.0005, 0.001, 0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1};
  return b;
}

ServingMetrics::ServingMetrics()
    : latency_(latency_bounds_seconds().size() + 1, 0), confidence_(kConfidenceBounds.size() + 1, 0) {}

void ServingMetrics::record_http(const std::string& route, const std::string& method, int status) {
  ++http_[{route, method, status}];
}

void ServingMetrics::record_prediction(int status, const json& reply, double latency_ms) {
  std::string model = reply.is_object() ? reply.value("model", "") : "";
  std::string version = reply.is_object() && reply.contains("version") ? reply["version"].dump() : "";
  std::string variant = reply.is_object() ? reply.value("variant", "") : "";
  ++predict_[{model, version, variant, status}];
  double seconds = latency_ms / 1000.0;
  ++latency_[bucket_of(latency_bounds_seconds(), seconds)];
  latency_sum_ += seconds;
  if (status != 200 || !reply.is_object() || !reply.contains("prediction")) return;
  const json& p = reply["prediction"];
  // Regression replies carry a floating prediction and no confidence: a value summary.
  if (p.is_number_float() && !reply.contains("confidence")) {
    value_sum_ += p.get<double>();
    ++value_count_;
    return;
  }
  ++classes_[{model, version, label_of(p)}];
  if (reply.contains("confidence") && reply["confidence"].is_number()) {
    double c = reply["confidence"].get<double>();
    ++confidence_[bucket_of(kConfidenceBounds, c)];
    confidence_sum_ += c;
  }
}

std::string ServingMetrics::render(const ServingMetricsState& s) const {
  PrometheusText t;
  t.family("lab_http_requests_total", "HTTP requests answered, by route, method and status code.", "counter");
  for (const auto& [k, n] : http_)
    t.sample("", {{"route", std::get<0>(k)}, {"method", std::get<1>(k)}, {"status", std::to_string(std::get<2>(k))}}, double(n));

  t.family("lab_predict_requests_total",
           "POST /predict requests by model version, variant (primary, challenger, fallback) and status code "
           "(422: invalid request, 503: model failed, 400: unreadable body).",
           "counter");
  for (const auto& [k, n] : predict_)
    t.sample("", {{"model", std::get<0>(k)}, {"version", std::get<1>(k)}, {"variant", std::get<2>(k)},
                  {"status", std::to_string(std::get<3>(k))}},
             double(n));

  t.family("lab_predict_latency_seconds", "Time to validate and score one /predict request inside the server.", "histogram");
  t.histogram({}, latency_bounds_seconds(), latency_, latency_sum_);

  t.family("lab_predicted_class_total", "Predictions served, by model version and predicted class.", "counter");
  for (const auto& [k, n] : classes_)
    t.sample("", {{"model", std::get<0>(k)}, {"version", std::get<1>(k)}, {"class", std::get<2>(k)}}, double(n));

  t.family("lab_prediction_confidence", "Probability of the predicted class, for classifiers.", "histogram");
  t.histogram({}, kConfidenceBounds, confidence_, confidence_sum_);

  t.family("lab_predicted_value", "Predicted values of regression models (sum and count give the mean).", "summary");
  t.sample("_sum", {}, value_sum_);
  t.sample("_count", {}, double(value_count_));

  t.family("lab_circuit_state", "The primary model's circuit breaker: 1 for the current state.", "gauge");
  for (auto st : {CircuitBreaker::State::Closed, CircuitBreaker::State::HalfOpen, CircuitBreaker::State::Open})
    t.sample("", {{"state", to_string(st)}}, st == s.circuit ? 1 : 0);

  t.family("lab_model_info", "The model version the endpoint serves (value always 1).", "gauge");
  t.sample("", {{"endpoint", s.endpoint}, {"model", s.model}, {"alias", s.alias}, {"version", std::to_string(s.version)}}, 1);

  t.family("lab_uptime_seconds", "Seconds since the server started.", "gauge");
  t.sample("", {}, s.uptime_seconds);
  return t.text();
}

}  // namespace lab
