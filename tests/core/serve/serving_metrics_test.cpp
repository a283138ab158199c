#include <catch2/catch.hpp>

#include "core/serve/serving_metrics.hpp"

using namespace lab;
using nlohmann::json;

namespace {
bool has_line(const std::string& text, const std::string& line) { return text.find("\n" + line + "\n") != std::string::npos; }
}  // namespace

TEST_CASE("serving metrics count predictions by status and version, with latency and class distribution") {
  ServingMetrics m;
  m.record_prediction(200, {{"prediction", "Yes"}, {"confidence", 0.93}, {"model", "churn"}, {"version", 3}, {"variant", "primary"}}, 0.4);
  m.record_prediction(200, {{"prediction", "No"}, {"confidence", 0.55}, {"model", "churn"}, {"version", 3}, {"variant", "primary"}}, 2.0);
  m.record_prediction(422, {{"status", 422}, {"errors", json::array()}}, 0.05);
  m.record_http("/predict", "POST", 200);
  m.record_http("/predict", "POST", 200);
  m.record_http("/predict", "POST", 422);
  ServingMetricsState s{"churn", "champion", "churn-http", 3, CircuitBreaker::State::Closed, 12.5};
  std::string text = "\n" + m.render(s);
  CHECK(has_line(text, "lab_http_requests_total{route=\"/predict\",method=\"POST\",status=\"200\"} 2"));
  CHECK(has_line(text, "lab_predict_requests_total{model=\"churn\",version=\"3\",variant=\"primary\",status=\"200\"} 2"));
  CHECK(has_line(text, "lab_predict_requests_total{model=\"\",version=\"\",variant=\"\",status=\"422\"} 1"));
  // 0.05 ms and 0.4 ms fall at or under 0.0005 s; 2 ms at the 0.002 s bound (bounds include their value).
  CHECK(has_line(text, "lab_predict_latency_seconds_bucket{le=\"0.0001\"} 1"));
  CHECK(has_line(text, "lab_predict_latency_seconds_bucket{le=\"0.0005\"} 2"));
  CHECK(has_line(text, "lab_predict_latency_seconds_bucket{le=\"0.001\"} 2"));
  CHECK(has_line(text, "lab_predict_latency_seconds_bucket{le=\"0.002\"} 3"));
  CHECK(has_line(text, "lab_predict_latency_seconds_count 3"));
  CHECK(has_line(text, "lab_predicted_class_total{model=\"churn\",version=\"3\",class=\"Yes\"} 1"));
  CHECK(has_line(text, "lab_prediction_confidence_bucket{le=\"0.6\"} 1"));
  CHECK(has_line(text, "lab_prediction_confidence_bucket{le=\"0.95\"} 2"));
  CHECK(has_line(text, "lab_circuit_state{state=\"closed\"} 1"));
  CHECK(has_line(text, "lab_circuit_state{state=\"open\"} 0"));
  CHECK(has_line(text, "lab_model_info{endpoint=\"churn-http\",model=\"churn\",alias=\"champion\",version=\"3\"} 1"));
  CHECK(has_line(text, "lab_uptime_seconds 12.5"));
}

TEST_CASE("serving metrics keep regression predictions as a value summary, not a class per value") {
  ServingMetrics m;
  m.record_prediction(200, {{"prediction", 41.5}, {"model", "hours"}, {"version", 1}, {"variant", "primary"}}, 1);
  m.record_prediction(200, {{"prediction", 38.5}, {"model", "hours"}, {"version", 1}, {"variant", "primary"}}, 1);
  std::string text = "\n" + m.render({});
  CHECK(has_line(text, "lab_predicted_value_sum 80"));
  CHECK(has_line(text, "lab_predicted_value_count 2"));
  CHECK(text.find("lab_predicted_class_total{") == std::string::npos);
}
