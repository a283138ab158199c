#pragma once
// What the Tune and AutoML modules share about the tab's one search (commands/search_job.hpp):
// its status read through search.status (a few times a second while it runs, at once after a
// button), the status line with its thread count and why, the controls, the live leaderboard and
// the chart of score vs trial (or vs a parameter) that fills in as trials end.
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <string>

#include "app/app_context.hpp"

namespace lab::app::search {

struct StatusCache {
  nlohmann::json st = nlohmann::json::object();
  double read_at = -1e9;
  double active_since = -1e9;  // when this tab saw the search start
  // Reads search.status when forced, or every quarter second while a search is on.
  void refresh(AppContext& ctx, bool force);
  // Within a double click's time of the start: the start button's place may now hold Cancel,
  // and the second click of a double click must not land on it.
  bool just_started() const;
  std::string state() const { return st.value("state", std::string("idle")); }
  std::string kind() const { return st.value("kind", std::string()); }
  bool active() const { return state() == "running" || state() == "paused" || state() == "finishing"; }
};

// A trial's params as the leaderboard shows them: "C=1, kernel=rbf, gamma=scale". A value that
// stands for a rule shows the rule's name (gamma 0 is "scale"), as the Train module's slider does;
// a parameter without effect for these values (gamma with kernel linear) is left out, and so is
// any name not in `shown` when it is given.
std::string params_text(const std::string& algo, const nlohmann::json& params,
                        const std::set<std::string>* shown = nullptr);
// Per learner, the params whose values differ between its trials (rows with algo and params: the
// leaderboard's or search.status's "trials"); all of them while a learner has one trial.
std::map<std::string, std::set<std::string>> varying_params(const nlohmann::json& trials);
// The thread count field, where the build has threads (the one-thread web build has none: then
// nothing is drawn).
void draw_threads_field(int* threads);
// "running: 12 of 40 trials ended, 3.2 s, 1 thread (why)".
void draw_status_line(const nlohmann::json& st);
// Pause / Resume / Cancel for the running search (greyed out while `just_started`); returns
// whether a button was pressed.
bool draw_controls(AppContext& ctx, const nlohmann::json& st, std::string* error, bool just_started);
// Rank, (learner), params, mean ± std, fit time; `height` 0 = all rows.
void draw_leaderboard(const nlohmann::json& st, bool show_learner, float height);
// Score of every ended trial vs its trial number, or vs the numeric parameter picked in `param`.
void draw_score_chart(const nlohmann::json& st, std::string& param, float height);

}  // namespace lab::app::search
