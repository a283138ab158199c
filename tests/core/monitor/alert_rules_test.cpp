// Alert rules: which way each metric breaches, episodes (fire once, resolve, fire again), windows
// without a value, merging into a history that keeps acknowledgements, and the messages for a
// rule a person got wrong.
#include "core/monitor/alert_rules.hpp"

#include <catch2/catch.hpp>

using namespace lab;
using nlohmann::json;

namespace {

std::vector<WindowValue> series(const std::vector<std::optional<double>>& values) {
  std::vector<WindowValue> out;
  for (size_t i = 0; i < values.size(); ++i) out.push_back({int(i) + 1, int64_t(i + 1) * 1000, values[i]});
  return out;
}

AlertRule rule(const char* metric, double threshold) {
  AlertRule r = AlertRule::from_json({{"metric", metric}, {"threshold", threshold}});
  r.id = "rule-1";
  return r;
}

}  // namespace

TEST_CASE("a rule fires once per episode, resolves, and fires again", "[monitor][alerts]") {
  AlertRule acc = rule("accuracy", 0.7);
  auto alerts = evaluate_rule(acc, series({0.8, 0.69, 0.6, std::nullopt, 0.65, 0.75, 0.7, 0.5}));
  REQUIRE(alerts.size() == 2);
  CHECK(alerts[0].id == "rule-1@2");
  CHECK(alerts[0].window == 2);
  CHECK(alerts[0].time_ms == 2000);
  CHECK(alerts[0].value == 0.69);
  CHECK(alerts[0].worst == 0.6);             // the lowest accuracy of the episode
  CHECK(alerts[0].resolved_window == 6);     // the missing day 4 neither ends nor extends it
  CHECK_FALSE(alerts[1].resolved_window);    // 0.7 is not below 0.7; day 8 fires again
  CHECK(alerts[1].window == 8);
  CHECK(alerts[0].message() == "Day 2: accuracy was 0.69 (rule: accuracy below 0.7 over the last 200 labelled requests); "
                               "back within the rule on day 6.");
}

TEST_CASE("each metric breaches in its own direction", "[monitor][alerts]") {
  CHECK(rule("drift_share", 0.5).breached(0.5));  // Evidently's dataset drift: share >= threshold
  CHECK_FALSE(rule("drift_share", 0.5).breached(0.49));
  CHECK(rule("latency_p99_ms", 50).breached(50.1));
  CHECK_FALSE(rule("latency_p99_ms", 50).breached(50));
  CHECK(rule("invalid_share", 0.05).breached(0.06));
  CHECK(rule("rmse", 10).breached(11));
  CHECK_FALSE(rule("accuracy", 0.7).breached(0.7));
  CHECK(rule("accuracy", 0.7).breached(0.6999));
}

TEST_CASE("a rule a person got wrong is refused with what would be right", "[monitor][alerts]") {
  auto error = [](const json& j) {
    try {
      AlertRule::from_json(j);
    } catch (const std::invalid_argument& e) {
      return std::string(e.what());
    }
    return std::string("(accepted)");
  };
  CHECK(error({{"metric", "precision"}, {"threshold", 0.5}}) ==
        "unknown metric 'precision'; a rule can watch accuracy, rmse, drift_share, latency_p99_ms, invalid_share");
  CHECK_THAT(error({{"threshold", 0.5}}), Catch::Contains("field 'metric' is required"));
  CHECK_THAT(error({{"metric", "accuracy"}}), Catch::Contains("field 'threshold' must be a number"));
  CHECK_THAT(error({{"metric", "accuracy"}, {"threshold", 70}}), Catch::Contains("a share between 0 and 1 (got 70)"));
  CHECK_THAT(error({{"metric", "latency_p99_ms"}, {"threshold", -1}}), Catch::Contains("cannot be negative"));
  CHECK_THAT(error({{"metric", "accuracy"}, {"threshold", 0.7}, {"last_n", 0}}), Catch::Contains("'last_n' must be a whole number"));
  CHECK(AlertRule::from_json({{"metric", "accuracy"}, {"threshold", 0.7}, {"last_n", 50}}).last_n == 50);
}

TEST_CASE("merging keeps acknowledgements, updates episodes and keeps alerts of removed rules", "[monitor][alerts]") {
  AlertRule acc = rule("accuracy", 0.7);
  std::vector<Alert> history = evaluate_rule(acc, series({0.8, 0.6, 0.65}));
  REQUIRE(history.size() == 1);
  history[0].acknowledged = true;
  history[0].acknowledged_ms = 42;
  Alert removed_rule = history[0];
  removed_rule.id = "rule-9@1";
  removed_rule.rule_id = "rule-9";
  removed_rule.time_ms = 500;
  history.push_back(removed_rule);

  // The same history evaluated again after more days: the episode resolved, a new one began.
  auto derived = evaluate_rule(acc, series({0.8, 0.6, 0.65, 0.9, 0.4}));
  auto added = merge_alerts(history, derived);
  REQUIRE(added == std::vector<std::string>{"rule-1@5"});
  REQUIRE(history.size() == 3);
  CHECK(history[0].id == "rule-9@1");  // oldest first
  CHECK(history[1].id == "rule-1@2");
  CHECK(history[1].acknowledged);
  CHECK(history[1].acknowledged_ms == 42);
  CHECK(history[1].resolved_window == 4);
  CHECK_FALSE(history[2].acknowledged);
  // Nothing new the second time.
  CHECK(merge_alerts(history, derived).empty());
  CHECK(Alert::from_json(history[1].to_json()).to_json() == history[1].to_json());
}
