#include "app/panels/search/automl_outcome.hpp"

#include <cstdio>
#include <string>
#include <vector>

#include "app/plot/hbar_chart.hpp"
#include "app/plot/palette.hpp"
#include "app/widgets.hpp"
#include "imgui.h"

namespace lab::app::search {

using nlohmann::json;

namespace {
std::string num(double v) {
  char b[32];
  std::snprintf(b, sizeof b, "%.4f", v);
  return b;
}
}  // namespace

void draw_winner(const json& reply) {
  if (!reply.contains("best")) {
    wrapped_disabled(reply.value("note", std::string("No trial finished, so there is no winner.")));
    return;
  }
  const json& best = reply["best"];
  std::string algo;
  for (const auto& row : reply.value("leaderboard", json::array()))
    if (row.value("trial", -1) == best.value("trial", -2)) algo = row.value("algo", std::string());
  ImGui::TextWrapped("Winner: %s (trial %d), CV %s %s ± %s", algo.c_str(), best.value("trial", 0),
                     reply.value("metric", std::string()).c_str(), num(best.value("mean", 0.0)).c_str(),
                     num(best.value("std", 0.0)).c_str());
  if (reply.contains("test_metrics")) {
    const std::string metric = reply.value("metric", std::string());
    const json& t = reply["test_metrics"];
    if (t.contains(metric))
      big_metric(("test " + metric).c_str(), num(t[metric].get<double>()).c_str(),
                 "The winner refit on all training rows, scored once on the test rows it never saw.");
  }
  if (reply.contains("refit_error")) error_box("The refit failed: " + reply["refit_error"].get<std::string>());
  if (reply.contains("registered")) {
    const json& r = reply["registered"];
    ImGui::TextWrapped("Registered as %s version %d, alias %s.", r.value("model", std::string()).c_str(), r.value("version", 0),
                       r.value("alias", std::string()).c_str());
  }
  if (reply.contains("error")) error_box(reply["error"].get<std::string>());
}

void draw_importance(const json& reply) {
  if (reply.contains("importance_error")) {
    error_box("Feature importance: " + reply["importance_error"].get<std::string>());
    return;
  }
  if (!reply.contains("importance")) return;
  const json& imp = reply["importance"];
  const std::string metric = imp.value("metric", std::string());
  ImGui::TextWrapped("Drop in %s on the %d test rows when one feature is shuffled (the whisker: the spread over %d shuffles).",
                     metric.c_str(), imp.value("rows", 0), imp.value("repeats", 5));
  std::vector<plot::HBar> bars;
  for (const auto& f : imp.value("features", json::array())) {
    plot::HBar b;
    b.label = f.value("feature", std::string());
    b.to = f.value("mean", 0.0);
    b.spread = f.value("std", 0.0);
    b.color = plot::series_color(0);
    b.value_text = num(b.to) + " +- " + num(b.spread);
    bars.push_back(b);
  }
  plot::HBarOptions opt;
  const std::string x_label = "drop in " + metric + " when shuffled";
  opt.x_label = x_label.c_str();
  plot::hbar_chart("automl-importance", bars, opt);
}

void draw_versus_manual(const json& reply) {
  if (!reply.contains("versus_manual")) return;
  const json& v = reply["versus_manual"];
  const std::string metric = v.value("metric", std::string());
  if (v.contains("note")) {
    wrapped_disabled(v["note"].get<std::string>());
    return;
  }
  const json& m = v["manual"];
  if (!v.contains("search")) return;
  const double a = v["search"].value("value", 0.0), b = m.value("value", 0.0);
  const bool higher = v.value("greater_is_better", true);
  const bool automl_better = higher ? a > b : a < b;
  ImGui::TextWrapped("On the same test rows: AutoML's winner %s %s, your best manual run '%s' (%s) %s. %s", metric.c_str(),
                     num(a).c_str(), m.value("run_name", std::string()).c_str(), m.value("algo", std::string()).c_str(),
                     num(b).c_str(),
                     a == b ? "A tie." : automl_better ? "AutoML is ahead here; does its model make sense for the business?"
                                                       : "Your run is ahead: AutoML is a starting point, not a replacement.");
}

}  // namespace lab::app::search
