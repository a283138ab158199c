#include "core/sync/leaderboard.hpp"

#include <algorithm>
#include <cmath>

#include "core/sync/batch_plan.hpp"

namespace lab::sync {

using nlohmann::json;

std::string add_search_page(const json& answer, std::vector<RemoteRun>& runs) {
  if (!answer.is_object()) return "";
  for (const json& r : answer.value("runs", json::array())) {
    RemoteRun x;
    json info = r.value("info", json::object()), data = r.value("data", json::object());
    x.run_id = info.value("run_id", "");
    x.run_name = info.value("run_name", "");
    x.status = info.value("status", "");
    x.start_time = info.value("start_time", int64_t(0));
    x.user = info.value("user_id", "");
    for (const json& t : data.value("tags", json::array())) {
      std::string k = t.value("key", ""), v = t.value("value", "");
      if (k == "mlflow.user") x.user = v;
      else if (k == "lab.run_id") x.lab_run_id = v;
      else if (k == "mlflow.source.name") x.source = v;
    }
    for (const json& m : data.value("metrics", json::array()))
      x.metrics[m.value("key", "")] = metric_value_from_json(m.value("value", json()));
    for (const json& p : data.value("params", json::array())) x.params[p.value("key", "")] = p.value("value", "");
    runs.push_back(std::move(x));
  }
  return answer.value("next_page_token", "");
}

json search_page_body(const std::string& experiment_id, const std::string& page_token, int page_size) {
  json b = {{"experiment_ids", {experiment_id}}, {"max_results", page_size}, {"run_view_type", "ACTIVE_ONLY"},
            {"order_by", {"attributes.start_time DESC"}}};
  if (!page_token.empty()) b["page_token"] = page_token;
  return b;
}

bool lower_is_better(const std::string& m) {
  for (const char* w : {"loss", "rmse", "mae", "mse", "error", "mape", "brier", "latency"})
    if (m.find(w) != std::string::npos) return true;
  return false;
}

std::string default_metric(const std::vector<RemoteRun>& runs) {
  std::map<std::string, size_t> count;
  for (const auto& r : runs)
    for (const auto& [k, v] : r.metrics) ++count[k];
  std::string best;
  size_t best_n = 0;
  for (const char* pref : {"accuracy", "roc_auc", "f1", "r2"}) {
    auto it = count.find(pref);
    if (it != count.end() && it->second > best_n) { best = pref; best_n = it->second; }
  }
  if (!best.empty()) return best;
  for (const auto& [k, n] : count)
    if (n > best_n) { best = k; best_n = n; }
  return best;
}

std::vector<LeaderboardRow> leaderboard(const std::vector<RemoteRun>& runs, const std::string& metric) {
  std::vector<LeaderboardRow> rows;
  for (const auto& r : runs) {
    LeaderboardRow row{0, &r, std::nullopt};
    auto it = r.metrics.find(metric);
    if (it != r.metrics.end() && !std::isnan(it->second)) row.value = it->second;
    rows.push_back(row);
  }
  const bool lower = lower_is_better(metric);
  std::stable_sort(rows.begin(), rows.end(), [&](const LeaderboardRow& a, const LeaderboardRow& b) {
    if (a.value.has_value() != b.value.has_value()) return a.value.has_value();
    if (!a.value) return false;
    return lower ? *a.value < *b.value : *a.value > *b.value;
  });
  int rank = 0;
  for (auto& row : rows)
    if (row.value) row.rank = ++rank;
  return rows;
}

}  // namespace lab::sync
