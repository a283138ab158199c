#pragma once
// The room: everyone's runs of one remote experiment (runs/search answers, page by page), ranked
// by a chosen metric, with who made each run.
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

namespace lab::sync {

struct RemoteRun {
  std::string run_id, run_name, user, status, lab_run_id, source;
  int64_t start_time = 0;
  std::map<std::string, double> metrics;  // latest value per key
  std::map<std::string, std::string> params;
};

// Adds the runs of one runs/search answer; returns its next_page_token ("" = last page).
std::string add_search_page(const nlohmann::json& answer, std::vector<RemoteRun>& runs);

// runs/search request body for one page.
nlohmann::json search_page_body(const std::string& experiment_id, const std::string& page_token, int page_size);

// Lower is better for losses and errors (loss, rmse, mae, mse, log_loss, error...); higher otherwise.
bool lower_is_better(const std::string& metric);
// The metric most runs have, preferring the usual headline scores; "" when no run has any.
std::string default_metric(const std::vector<RemoteRun>& runs);

struct LeaderboardRow {
  int rank = 0;  // 0 = the run lacks the metric (listed last)
  const RemoteRun* run = nullptr;
  std::optional<double> value;
};
std::vector<LeaderboardRow> leaderboard(const std::vector<RemoteRun>& runs, const std::string& metric);

}  // namespace lab::sync
