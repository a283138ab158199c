#include "core/monitor/monitor_windows.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "core/eval/metrics.hpp"

namespace lab {

using nlohmann::json;

double percentile_linear(std::vector<double> v, double q) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  double pos = q / 100.0 * double(v.size() - 1);
  size_t lo = size_t(std::floor(pos));
  size_t hi = std::min(v.size() - 1, lo + 1);
  return v[lo] + (v[hi] - v[lo]) * (pos - double(lo));
}

std::vector<MonitorWindow> aggregate_windows(const std::vector<MonitoredRequest>& log, int64_t origin_ms, int64_t window_ms,
                                             const std::string& positive_class) {
  if (window_ms <= 0) throw std::invalid_argument("a window must last longer than 0 ms");
  auto floor_div = [](int64_t a, int64_t b) { return a >= 0 ? a / b : -((-a + b - 1) / b); };
  std::map<std::pair<int64_t, int>, std::vector<const MonitoredRequest*>> groups;
  for (const auto& r : log) groups[{floor_div(r.time_ms - origin_ms, window_ms), r.version}].push_back(&r);

  std::vector<MonitorWindow> out;
  for (const auto& [key, rows] : groups) {
    MonitorWindow w;
    w.index = key.first;
    w.start_ms = origin_ms + key.first * window_ms;
    w.version = key.second;
    std::vector<double> latencies, y, p, sq;
    double prob_sum = 0, value_sum = 0;
    uint64_t prob_n = 0, value_n = 0, right = 0;
    for (const MonitoredRequest* r : rows) {
      ++w.requests;
      latencies.push_back(r->latency_ms);
      if (r->status == "invalid") { ++w.invalid; continue; }
      if (r->status != "ok") { ++w.failed; continue; }
      ++w.ok;
      if (!r->predicted.empty()) w.class_shares[r->predicted] += 1;
      if (r->positive_probability) { prob_sum += *r->positive_probability; ++prob_n; }
      if (r->predicted_value) { value_sum += *r->predicted_value; ++value_n; }
      if (r->actual_label && !r->predicted.empty()) {
        ++w.labelled;
        if (*r->actual_label == r->predicted) ++right;
        if (r->positive_probability && !positive_class.empty()) {
          y.push_back(*r->actual_label == positive_class ? 1.0 : 0.0);
          p.push_back(*r->positive_probability);
        }
      } else if (r->actual_value && r->predicted_value) {
        ++w.labelled;
        double d = *r->predicted_value - *r->actual_value;
        sq.push_back(d * d);
      }
    }
    for (auto& [label, share] : w.class_shares) share /= double(w.ok);
    w.invalid_share = double(w.invalid) / double(w.requests);
    w.latency_p50_ms = percentile_linear(latencies, 50);
    w.latency_p99_ms = percentile_linear(latencies, 99);
    if (prob_n) w.mean_probability = prob_sum / double(prob_n);
    if (value_n) w.mean_prediction = value_sum / double(value_n);
    if (w.labelled == 0) {
      w.no_metrics_reason = w.ok == 0 ? "no scored requests in this window" : "no ground truth has arrived for this window yet";
    } else if (!sq.empty()) {
      double s = 0;
      for (double v : sq) s += v;
      w.rmse = std::sqrt(s / double(sq.size()));
    } else {
      w.accuracy = double(right) / double(w.labelled);
      bool both = std::find(y.begin(), y.end(), 1.0) != y.end() && std::find(y.begin(), y.end(), 0.0) != y.end();
      if (both) w.auc = roc_auc(y, p);
      else if (!positive_class.empty()) w.no_metrics_reason = "AUC needs both outcomes among the labelled requests";
    }
    out.push_back(std::move(w));
  }
  return out;
}

json MonitorWindow::to_json() const {
  auto opt = [](const std::optional<double>& v) { return v ? json(*v) : json(nullptr); };
  json j = {{"window", index}, {"start_ms", start_ms}, {"version", version}, {"requests", requests}, {"ok", ok},
            {"invalid", invalid}, {"failed", failed}, {"invalid_share", invalid_share},
            {"latency_p50_ms", latency_p50_ms}, {"latency_p99_ms", latency_p99_ms}, {"class_shares", class_shares},
            {"mean_probability", opt(mean_probability)}, {"mean_prediction", opt(mean_prediction)},
            {"labelled", labelled}, {"accuracy", opt(accuracy)}, {"auc", opt(auc)}, {"rmse", opt(rmse)}};
  if (!no_metrics_reason.empty()) j["no_metrics_reason"] = no_metrics_reason;
  return j;
}

}  // namespace lab
