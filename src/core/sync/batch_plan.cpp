#include "core/sync/batch_plan.hpp"

#include <cmath>

namespace lab::sync {

using nlohmann::json;

json metric_value_json(double v) {
  if (std::isnan(v)) return "NaN";
  if (std::isinf(v)) return v > 0 ? "Infinity" : "-Infinity";
  return v;
}

double metric_value_from_json(const json& v) {
  if (v.is_number()) return v.get<double>();
  if (v.is_string()) {
    const std::string s = v.get<std::string>();
    if (s == "NaN") return std::nan("");
    if (s == "Infinity") return INFINITY;
    if (s == "-Infinity") return -INFINITY;
  }
  return std::nan("");
}

size_t code_points(const std::string& s) {
  size_t n = 0;
  for (unsigned char c : s)
    if ((c & 0xC0) != 0x80) ++n;
  return n;
}

std::string oversized_value(const RunContent& c) {
  auto too_long = [](const std::string& what, const std::string& key, size_t n, size_t limit) {
    return what + " '" + key.substr(0, 80) + "' is " + std::to_string(n) + " characters long; MLflow accepts at most " +
           std::to_string(limit) + ". Shorten it in the lab (the run stays here, unsynced).";
  };
  for (const auto& [k, v] : c.params) {
    if (code_points(k) > kMaxKeyLength) return too_long("the param name", k, code_points(k), kMaxKeyLength);
    if (code_points(v) > kMaxParamValueLength) return too_long("the value of param", k, code_points(v), kMaxParamValueLength);
  }
  for (const auto& [k, v] : c.tags) {
    if (code_points(k) > kMaxKeyLength) return too_long("the tag name", k, code_points(k), kMaxKeyLength);
    if (code_points(v) > kServerMaxTagValue) return too_long("the value of tag", k, code_points(v), kServerMaxTagValue);
  }
  for (const auto& [k, pts] : c.metrics)
    if (code_points(k) > kMaxKeyLength) return too_long("the metric name", k, code_points(k), kMaxKeyLength);
  return "";
}

std::optional<PlannedBatch> next_batch(const std::string& run_id, const RunContent& c, const BatchCursor& from,
                                       const BatchLimits& lim) {
  PlannedBatch b;
  b.after = from;
  json params = json::array(), tags = json::array(), metrics = json::array();
  size_t bytes = 64 + run_id.size();
  auto room = [&](size_t more_bytes) { return b.entities < lim.entities && bytes + more_bytes <= lim.bytes; };

  for (size_t& i = b.after.params; i < c.params.size() && params.size() < lim.params; ++i) {
    json p = {{"key", c.params[i].first}, {"value", c.params[i].second}};
    size_t n = p.dump().size() + 1;
    if (!room(n) && b.entities > 0) break;
    params.push_back(std::move(p));
    bytes += n;
    ++b.entities;
  }
  for (size_t& i = b.after.tags; i < c.tags.size() && tags.size() < lim.tags; ++i) {
    json t = {{"key", c.tags[i].first}, {"value", c.tags[i].second}};
    size_t n = t.dump().size() + 1;
    if (!room(n) && b.entities > 0) break;
    tags.push_back(std::move(t));
    bytes += n;
    ++b.entities;
  }
  bool full = false;
  for (const auto& [key, points] : c.metrics) {
    size_t& i = b.after.metrics[key];
    for (; i < points.size(); ++i) {
      // key, value (up to 24 chars), timestamp (13), step (up to 20) and JSON punctuation
      size_t n = key.size() + 100;
      if (metrics.size() >= lim.metrics || !room(n)) { full = true; break; }
      const MetricPoint& p = points[i];
      metrics.push_back({{"key", key}, {"value", metric_value_json(p.value)}, {"timestamp", p.timestamp}, {"step", p.step}});
      bytes += n;
      ++b.entities;
    }
    if (full) break;
  }
  // Drop the zero entries the loop added for keys it did not reach, so cursors compare equal.
  for (auto it = b.after.metrics.begin(); it != b.after.metrics.end();)
    it = (it->second == 0 && !from.metrics.count(it->first)) ? b.after.metrics.erase(it) : std::next(it);
  if (b.entities == 0) return std::nullopt;
  b.body = {{"run_id", run_id}, {"params", params}, {"tags", tags}, {"metrics", metrics}};
  return b;
}

}  // namespace lab::sync
