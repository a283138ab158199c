#include "app/panels/monitor_panel.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>

#include "app/labelled_widgets.hpp"
#include "app/plot/bar_chart.hpp"
#include "app/plot/line_chart.hpp"
#include "app/plot/palette.hpp"
#include "app/widgets.hpp"
#include "imgui.h"

namespace lab::app {

using nlohmann::json;

namespace {

const char* kScenarios[] = {"stable", "covariate_drift", "concept_drift", "data_quality"};
const char* kScenarioNames[] = {"stable traffic", "covariate drift (inputs move)", "concept drift (outcomes change)",
                                "data-quality incident (broken requests)"};

double or_nan(const json& v) { return v.is_number() ? v.get<double>() : NAN; }

// The drift table's short test names (the full name and why it was chosen are on hover).
const char* short_test_name(const std::string& test) {
  if (test == "ks") return "K-S";
  if (test == "chisquare") return "chi-squared";
  if (test == "z") return "Z-test";
  if (test == "wasserstein") return "Wasserstein";
  if (test == "jensenshannon") return "Jensen-Shannon";
  return test.c_str();
}

// The windows of one day summed over versions (a day can hold two when a promotion happened).
struct DaySeries {
  std::vector<double> day, requests, invalid_share, p50, p99, accuracy, labelled;
  std::vector<std::pair<double, std::string>> version_marks;
};

DaySeries day_series(const json& windows) {
  std::map<int, std::vector<const json*>> by_day;
  for (const auto& w : windows["windows"]) by_day[w["window"].get<int>()].push_back(&w);
  DaySeries s;
  for (const auto& [day, ws] : by_day) {
    double req = 0, inv = 0, p50 = 0, p99 = 0, right = 0, lab = 0;
    for (const json* w : ws) {
      req += (*w)["requests"].get<double>();
      inv += (*w)["invalid"].get<double>();
      p50 = std::max(p50, (*w)["latency_p50_ms"].get<double>());
      p99 = std::max(p99, (*w)["latency_p99_ms"].get<double>());
      double n = (*w)["labelled"].get<double>();
      if (n > 0 && (*w)["accuracy"].is_number()) { right += n * (*w)["accuracy"].get<double>(); lab += n; }
    }
    s.day.push_back(day);
    s.requests.push_back(req);
    s.invalid_share.push_back(req > 0 ? inv / req : NAN);
    s.p50.push_back(p50);
    s.p99.push_back(p99);
    s.accuracy.push_back(lab > 0 ? right / lab : NAN);  // a gap, not a zero, while labels are missing
    s.labelled.push_back(lab);
  }
  for (const auto& c : windows["version_changes"])
    s.version_marks.emplace_back(c["window"].get<double>() - 0.5,
                                 "v" + std::to_string(c["from"].get<int>()) + " -> v" + std::to_string(c["to"].get<int>()));
  return s;
}

}  // namespace

void MonitorPanel::refresh(AppContext& ctx) {
  if (seen_version_ == ctx.session.store_version() && seen_endpoint_ == endpoint_) return;
  seen_version_ = ctx.session.store_version();
  seen_endpoint_ = endpoint_;
  endpoints_.clear();
  for (const auto& e : ctx.run({{"cmd", "serve.list"}}, nullptr).value("endpoints", json::array())) endpoints_.push_back(e);
  if (!endpoints_.empty() && std::find(endpoints_.begin(), endpoints_.end(), endpoint_) == endpoints_.end()) {
    endpoint_ = endpoints_.front();
    seen_endpoint_ = endpoint_;
  }
  windows_ = json();
  drift_ = json();
  alerts_ = json();
  rules_ = json();
  metrics_.clear();
  drift_error_.clear();
  if (endpoint_.empty()) return;
  json w = ctx.run({{"cmd", "monitor.windows"}, {"endpoint", endpoint_}, {"window", "day"}}, &error_);
  if (w.value("ok", false)) windows_ = w;
  if (windows_.is_object() && windows_.value("requests", 0) > 0) {
    json d = ctx.run({{"cmd", "monitor.drift"}, {"endpoint", endpoint_}, {"reference", "training"}}, nullptr);
    if (d.value("ok", false)) drift_ = d;
    else drift_error_ = d.value("error", "");
  }
  sort_drift_rows();
  json m = ctx.run({{"cmd", "monitor.metrics"}, {"endpoint", endpoint_}}, nullptr);
  if (m.value("ok", false)) metrics_ = m["text"].get<std::string>();
  // Reading the alerts evaluates the rules over the log; a new alert is a write, which brings
  // one more refresh that finds nothing new.
  json a = ctx.run({{"cmd", "monitor.alerts"}, {"endpoint", endpoint_}}, nullptr);
  alerts_ = a.value("ok", false) ? a : json();
  json r = ctx.run({{"cmd", "monitor.rules"}, {"endpoint", endpoint_}}, nullptr);
  rules_ = r.value("ok", false) ? r : json();
}

void MonitorPanel::register_view_command(AppContext& ctx) {
  registered_ = true;
  ctx.dispatcher.add("ui.monitor",
                     "Monitor panel, read back as drawn: endpoint, scenario, days, requests, seed, the last simulation, the "
                     "drift rows in the table's order and the column chosen",
                     [this](const json&) {
                       json rows = json::array();
                       for (size_t i : drift_order_) {
                         const json& c = drift_["columns"][i];
                         rows.push_back({{"column", c["column"]}, {"tested", c.value("tested", false)},
                                         {"test", c.value("test_name", std::string())}, {"drifted", c.value("drifted", false)}});
                       }
                       return json{{"endpoint", endpoint_}, {"scenario", kScenarios[scenario_]}, {"days", days_},
                                   {"requests", requests_}, {"seed", seed_}, {"simulated", simulated_}, {"drift_rows", rows},
                                   {"selected_column", selected_column_}, {"metrics_chars", metrics_.size()},
                                   {"charts", charts_drawn_}, {"alerts", alerts_.is_object() ? alerts_["alerts"] : json::array()}};
                     });
}

void MonitorPanel::draw(AppContext& ctx) {
  if (!registered_) register_view_command(ctx);
  refresh(ctx);
  ImGui::TextWrapped("Send production traffic through a deployed model on a simulated clock (two weeks play in seconds), "
                     "then watch it per day: how many requests, how many the contract rejected, how fast, and, once the "
                     "true outcomes arrive, how often the model was right.");
  if (endpoints_.empty()) {
    ImGui::Spacing();
    ImGui::TextDisabled("Deploy a model in Serve first; its endpoint then appears here.");
    return;
  }
  draw_simulate(ctx);
  error_box(error_);
  draw_alerts(ctx);
  draw_windows();
  draw_drift();
  draw_metrics();
}

void MonitorPanel::draw_simulate(AppContext& ctx) {
  section_title("Simulate production");
  const float field = ImGui::GetFontSize() * 9;
  ImGui::SetNextItemWidth(field * 1.3f);
  if (begin_combo("endpoint", endpoint_.c_str())) {
    for (const auto& e : endpoints_)
      if (ImGui::Selectable(e.c_str(), e == endpoint_)) endpoint_ = e;
    ImGui::EndCombo();
  }
  same_line_if_fits(labelled_width(field * 2.2f, "scenario"), ImGui::GetStyle().ItemSpacing.x);
  ImGui::SetNextItemWidth(field * 2.2f);
  if (begin_combo("scenario", kScenarioNames[scenario_])) {
    for (int i = 0; i < 4; ++i)
      if (ImGui::Selectable(kScenarioNames[i], i == scenario_)) scenario_ = i;
    ImGui::EndCombo();
  }
  ImGui::SetNextItemWidth(field * 0.8f);
  input_int("days", &days_, 1, 7);
  same_line_if_fits(labelled_width(field * 0.9f, "requests"), ImGui::GetStyle().ItemSpacing.x);
  ImGui::SetNextItemWidth(field * 0.9f);
  input_int("requests", &requests_, 100, 1000);
  same_line_if_fits(labelled_width(field * 0.8f, "seed"), ImGui::GetStyle().ItemSpacing.x);
  ImGui::SetNextItemWidth(field * 0.8f);
  input_int("seed", &seed_, 1, 10);
  // A drift that goes on after a retraining starts on day 1 of the next simulation.
  same_line_if_fits(labelled_width(field * 0.8f, "drift from day"), ImGui::GetStyle().ItemSpacing.x);
  ImGui::SetNextItemWidth(field * 0.8f);
  input_int("drift from day", &drift_day_, 1, 7);
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("The first day the scenario acts; 0: a third of the way in");
  days_ = std::clamp(days_, 1, 365);
  requests_ = std::clamp(requests_, 1, 200000);
  drift_day_ = std::clamp(drift_day_, 0, days_);
  if (ImGui::Button("Simulate")) {
    error_.clear();
    json cmd = {{"cmd", "monitor.simulate"}, {"endpoint", endpoint_}, {"scenario", kScenarios[scenario_]}, {"days", days_},
                {"requests", requests_}, {"seed", seed_}};
    if (drift_day_ > 0) cmd["drift_day"] = drift_day_;
    json r = ctx.run(cmd, &error_);
    if (r.value("ok", false)) simulated_ = r;
  }
  if (simulated_.is_object()) {
    ImGui::SameLine();
    ImGui::TextWrapped("Days %lld-%lld: %lld requests, %lld rejected (422), %lld outcomes arrived. %s",
                       (long long)simulated_["first_day"].get<int64_t>(),
                       (long long)(simulated_["first_day"].get<int64_t>() + simulated_["days"].get<int64_t>() - 1),
                       (long long)simulated_["requests"].get<int64_t>(), (long long)simulated_["rejected"].get<int64_t>(),
                       (long long)simulated_["labelled"].get<int64_t>(), simulated_.value("description", "").c_str());
  }
}

void MonitorPanel::draw_alerts(AppContext& ctx) {
  section_title("Alerts");
  const json none = json::array();
  const json& list = alerts_.is_object() ? alerts_["alerts"] : none;
  if (list.empty()) {
    ImGui::TextDisabled("No alerts: every rule below held on every day so far.");
  } else {
    const int open = alerts_.value("unacknowledged", 0);
    ImGui::TextWrapped("%d alert%s, %d firing, %d not acknowledged yet. Newest first; acknowledged alerts stay here.",
                       int(list.size()), list.size() == 1 ? "" : "s", alerts_.value("firing", 0), open);
    if (open > 1) {
      ImGui::SameLine();
      if (ImGui::SmallButton("Acknowledge all"))
        ctx.run({{"cmd", "monitor.alert.ack"}, {"endpoint", endpoint_}, {"all", true}}, &error_);
    }
    // A few alerts take the rows they need (messages wrap); a long history scrolls inside a box.
    const bool scroll = list.size() > 4;
    const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_Borders | ImGuiTableFlags_SizingStretchProp |
                                  (scroll ? ImGuiTableFlags_ScrollY : 0);
    if (ImGui::BeginTable("alerts", 4, flags, ImVec2(0, scroll ? ImGui::GetFontSize() * 14 : 0))) {
      ImGui::TableSetupScrollFreeze(0, 1);
      ImGui::TableSetupColumn("day", ImGuiTableColumnFlags_WidthFixed, ImGui::GetFontSize() * 2.5f);
      ImGui::TableSetupColumn("what happened", ImGuiTableColumnFlags_WidthStretch, 4);
      ImGui::TableSetupColumn("state", ImGuiTableColumnFlags_WidthFixed, ImGui::GetFontSize() * 6);
      ImGui::TableSetupColumn("", ImGuiTableColumnFlags_WidthFixed, ImGui::CalcTextSize("Acknowledge").x + ImGui::GetFontSize());
      ImGui::TableHeadersRow();
      for (auto it = list.rbegin(); it != list.rend(); ++it) {
        const json& a = *it;
        const bool firing = a["state"] == "firing", seen = a["acknowledged"].get<bool>();
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        ImGui::Text("%d", a["window"].get<int>());
        ImGui::TableNextColumn();
        const std::string msg = a["message"].get<std::string>();
        const char* text = msg.c_str() + (msg.find(": ") != std::string::npos ? msg.find(": ") + 2 : 0);  // the day has a column
        if (firing && !seen) ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(0.95f, 0.45f, 0.35f, 1));
        ImGui::TextWrapped("%s", text);
        if (firing && !seen) ImGui::PopStyleColor();
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(firing ? "firing" : "resolved");
        ImGui::TableNextColumn();
        if (seen) {
          ImGui::TextDisabled("seen");
        } else {
          std::string label = "Acknowledge##" + a["id"].get<std::string>();
          if (ImGui::SmallButton(label.c_str()))
            ctx.run({{"cmd", "monitor.alert.ack"}, {"endpoint", endpoint_}, {"alert_id", a["id"]}}, &error_);
        }
      }
      ImGui::EndTable();
    }
  }
  draw_rules(ctx);
}

void MonitorPanel::draw_rules(AppContext& ctx) {
  if (!rules_.is_object()) return;
  const std::string title = "Rules (" + std::to_string(rules_["rules"].size()) + ")###rules";
  if (!ImGui::TreeNode(title.c_str())) return;
  for (const auto& r : rules_["rules"]) {
    std::string label = "Remove##" + r["id"].get<std::string>();
    if (ImGui::SmallButton(label.c_str())) {
      rule_error_.clear();
      ctx.run({{"cmd", "monitor.rule.remove"}, {"endpoint", endpoint_}, {"rule_id", r["id"]}}, &rule_error_);
    }
    ImGui::SameLine();
    ImGui::TextWrapped("%s", r["description"].get<std::string>().c_str());
  }
  // A new rule: the metric, its threshold and, for accuracy and RMSE, how many labelled requests.
  const json& metrics = rules_["metrics"];
  new_metric_ = std::clamp(new_metric_, 0, int(metrics.size()) - 1);
  const std::string metric = metrics[size_t(new_metric_)]["metric"].get<std::string>();
  const float field = ImGui::GetFontSize() * 9;
  ImGui::SetNextItemWidth(field);
  if (begin_combo("metric", metric.c_str())) {
    for (int i = 0; i < int(metrics.size()); ++i) {
      if (ImGui::Selectable(metrics[size_t(i)]["metric"].get<std::string>().c_str(), i == new_metric_)) new_metric_ = i;
      if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", metrics[size_t(i)]["meaning"].get<std::string>().c_str());
    }
    ImGui::EndCombo();
  }
  same_line_if_fits(labelled_width(field * 0.7f, "threshold"), ImGui::GetStyle().ItemSpacing.x);
  ImGui::SetNextItemWidth(field * 0.7f);
  ImGui::InputDouble("threshold##rule", &new_threshold_, 0, 0, "%.4g");  // the drift table has a "threshold" column
  const bool labelled = metric == "accuracy" || metric == "rmse";
  if (labelled) {
    same_line_if_fits(labelled_width(field * 0.6f, "last N labelled"), ImGui::GetStyle().ItemSpacing.x);
    ImGui::SetNextItemWidth(field * 0.6f);
    ImGui::InputInt("last N labelled", &new_last_n_, 0, 0);
  }
  same_line_if_fits(button_width("Add rule"), ImGui::GetStyle().ItemSpacing.x);
  if (ImGui::Button("Add rule")) {
    rule_error_.clear();
    json cmd = {{"cmd", "monitor.rule.add"}, {"endpoint", endpoint_}, {"metric", metric}, {"threshold", new_threshold_}};
    if (labelled) cmd["last_n"] = new_last_n_;
    ctx.run(cmd, &rule_error_);
  }
  error_box(rule_error_);
  ImGui::TreePop();
}

void MonitorPanel::draw_windows() {
  charts_drawn_ = json::array();
  section_title("Per day");
  if (!windows_.is_object() || windows_["windows"].empty()) {
    ImGui::TextDisabled("No requests yet: simulate traffic above, or send requests in Serve.");
    return;
  }
  DaySeries s = day_series(windows_);
  const float h = ImGui::GetFontSize() * 9;
  const float half = (ImGui::GetContentRegionAvail().x - ImGui::GetStyle().ItemSpacing.x) / 2;
  const bool two_columns = half > ImGui::GetFontSize() * 18;
  // Each chart marks the version changes and the days its metric's alerts fired.
  auto marks_for = [&](const char* metric) {
    auto marks = s.version_marks;
    if (alerts_.is_object())
      for (const auto& a : alerts_["alerts"])
        if (a["metric"] == metric) marks.emplace_back(a["window"].get<double>(), "alert");
    return marks;
  };
  auto chart = [&](const char* id, const char* title, std::vector<plot::Series> series, const char* y_label, bool right,
                   const char* metric) {
    const auto marks = marks_for(metric);
    size_t points = 0;
    for (const auto& ser : series)
      for (double v : *ser.y) points += std::isnan(v) ? 0 : 1;
    charts_drawn_.push_back({{"id", id}, {"title", title}, {"points", points}, {"markers", marks.size()}});
    if (right && two_columns) ImGui::SameLine();
    ImGui::BeginGroup();
    ImGui::TextUnformatted(title);
    plot::LineChartOptions o;
    o.x_label = "day";
    o.y_label = y_label;
    o.height = h;
    o.x = &s.day;
    o.markers = &marks;
    ImGui::PushItemWidth(two_columns ? half : -1);
    ImGui::BeginChild(id, ImVec2(two_columns ? half : 0, h + ImGui::GetFontSize() * 1.5f), false, ImGuiWindowFlags_NoScrollbar);
    plot::line_chart(id, series, o);
    ImGui::EndChild();
    ImGui::PopItemWidth();
    ImGui::EndGroup();
  };
  chart("requests_chart", "Requests", {{"requests", &s.requests, plot::series_color(0)}}, "requests", false, "");
  chart("invalid_chart", "Rejected by the contract (422 share)", {{"422 share", &s.invalid_share, plot::series_color(3)}}, "share",
        true, "invalid_share");
  chart("latency_chart", "Latency (ms)", {{"p50", &s.p50, plot::series_color(1)}, {"p99", &s.p99, plot::series_color(2)}}, "ms",
        false, "latency_p99_ms");
  chart("accuracy_chart", "Accuracy (labelled requests)", {{"accuracy", &s.accuracy, plot::series_color(4)}}, "accuracy", true,
        "accuracy");

  // The days still waiting for outcomes, said in words.
  std::string waiting;
  for (size_t i = 0; i < s.day.size(); ++i)
    if (s.labelled[i] == 0) waiting += (waiting.empty() ? "" : ", ") + std::to_string(int(s.day[i]));
  if (!waiting.empty()) ImGui::TextDisabled("No ground truth yet for day %s: accuracy is left blank there, not zero.", waiting.c_str());
  for (const auto& [x, text] : s.version_marks) ImGui::TextDisabled("Day %d: model version %s.", int(x + 0.5), text.c_str());
  if (ImGui::TreeNode("Windows table")) {
    if (ImGui::BeginTable("windows", 8, ImGuiTableFlags_RowBg | ImGuiTableFlags_Borders | ImGuiTableFlags_ScrollY,
                          ImVec2(0, ImGui::GetFontSize() * 12))) {
      for (const char* c : {"day", "version", "requests", "422 share", "p50 ms", "p99 ms", "labelled", "accuracy"})
        ImGui::TableSetupColumn(c);
      ImGui::TableHeadersRow();
      for (const auto& w : windows_["windows"]) {
        ImGui::TableNextRow();
        ImGui::TableNextColumn(); ImGui::Text("%d", w["window"].get<int>());
        ImGui::TableNextColumn(); ImGui::Text("v%d", w["version"].get<int>());
        ImGui::TableNextColumn(); ImGui::Text("%d", w["requests"].get<int>());
        ImGui::TableNextColumn(); ImGui::Text("%.1f%%", 100 * w["invalid_share"].get<double>());
        ImGui::TableNextColumn(); ImGui::Text("%.3f", w["latency_p50_ms"].get<double>());
        ImGui::TableNextColumn(); ImGui::Text("%.3f", w["latency_p99_ms"].get<double>());
        ImGui::TableNextColumn(); ImGui::Text("%d", w["labelled"].get<int>());
        ImGui::TableNextColumn();
        if (w["accuracy"].is_number()) ImGui::Text("%.3f", w["accuracy"].get<double>());
        else if (w["rmse"].is_number()) ImGui::Text("RMSE %.3f", w["rmse"].get<double>());
        else ImGui::TextDisabled("waiting for ground truth");
      }
      ImGui::EndTable();
    }
    ImGui::TreePop();
  }
}

void MonitorPanel::sort_drift_rows() {
  drift_order_.clear();
  if (!drift_.is_object()) return;
  const json& cols = drift_["columns"];
  for (size_t i = 0; i < cols.size(); ++i) drift_order_.push_back(i);
  // Drifted columns first, then by how far over (or under) the threshold their score is.
  auto severity = [](const json& c) {
    if (!c.value("tested", false)) return -1.0;
    double score = or_nan(c["score"]), thr = c["threshold"].get<double>();
    bool p_test = c["p_value"].is_number();
    return p_test ? (score > 0 ? thr / score : 1e9) : (c["score"].is_string() ? 1e9 : score / thr);
  };
  std::stable_sort(drift_order_.begin(), drift_order_.end(),
                   [&](size_t a, size_t b) { return severity(cols[a]) > severity(cols[b]); });
  // A column clicked before stays chosen while it is still in the report.
  bool still_there = false;
  for (const auto& c : cols) still_there = still_there || c["column"] == selected_column_;
  if (!still_there) selected_column_.clear();
}

void MonitorPanel::draw_drift() {
  section_title("Drift: the last day against the training data");
  if (!drift_error_.empty()) { ImGui::TextWrapped("%s", drift_error_.c_str()); return; }
  if (!drift_.is_object()) { ImGui::TextDisabled("Drift shows once there are requests."); return; }
  ImGui::TextWrapped("%s (%s vs %s.) Click a column to see its two distributions.", drift_.value("verdict", "").c_str(),
                     drift_.value("current", "").c_str(), drift_.value("reference", "").c_str());
  // Text columns as wide as their widest cell, so names and numbers are never cut; the overlay takes the rest.
  if (ImGui::BeginTable("drift", 6, ImGuiTableFlags_RowBg | ImGuiTableFlags_Borders | ImGuiTableFlags_SizingFixedFit)) {
    for (const char* c : {"column", "test", "score", "threshold", "drift"}) ImGui::TableSetupColumn(c);
    ImGui::TableSetupColumn("reference vs current", ImGuiTableColumnFlags_WidthStretch);
    ImGui::TableHeadersRow();
    const float fh = ImGui::GetFontSize();
    for (size_t row : drift_order_) {
      const json* c = &drift_["columns"][row];
      const std::string name = (*c)["column"].get<std::string>();
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      if (ImGui::Selectable(name.c_str(), name == selected_column_)) selected_column_ = name == selected_column_ ? "" : name;
      if (!c->value("tested", false)) {
        ImGui::TableNextColumn();
        ImGui::TextWrapped("not tested: %s", c->value("problem", "").c_str());
        continue;
      }
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(short_test_name((*c)["test"].get<std::string>()));
      if (ImGui::IsItemHovered())
        ImGui::SetTooltip("%s: %s", (*c)["test_name"].get<std::string>().c_str(), (*c)["why"].get<std::string>().c_str());
      ImGui::TableNextColumn();
      if ((*c)["score"].is_string()) ImGui::TextUnformatted("inf");
      else ImGui::Text("%.4g", (*c)["score"].get<double>());
      ImGui::TableNextColumn();
      ImGui::Text("%s %.2g", (*c)["p_value"].is_number() ? "p <" : ">=", (*c)["threshold"].get<double>());
      ImGui::TableNextColumn();
      bool drifted = (*c)["drifted"].get<bool>();
      ImGui::TextColored(drifted ? ImVec4(0.95f, 0.45f, 0.35f, 1) : ImVec4(0.5f, 0.8f, 0.5f, 1), drifted ? "Detected" : "Not detected");
      ImGui::TableNextColumn();
      // A small overlay: reference (outline) and current (filled) shares per bin.
      const json& o = (*c)["overlay"];
      const auto& ref = o["reference"];
      const auto& cur = o["current"];
      ImVec2 p0 = ImGui::GetCursorScreenPos();
      float w = std::max(fh * 6, ImGui::GetContentRegionAvail().x), hh = fh * 1.6f;
      ImGui::Dummy(ImVec2(w, hh));
      double top = 1e-9;
      for (size_t i = 0; i < ref.size(); ++i) top = std::max({top, ref[i].get<double>(), cur[i].get<double>()});
      ImDrawList* dl = ImGui::GetWindowDrawList();
      float bw = ref.empty() ? w : w / float(ref.size());
      for (size_t i = 0; i < ref.size(); ++i) {
        float x = p0.x + bw * float(i);
        float hc = hh * float(cur[i].get<double>() / top), hr = hh * float(ref[i].get<double>() / top);
        dl->AddRectFilled(ImVec2(x + 1, p0.y + hh - hc), ImVec2(x + bw - 1, p0.y + hh), plot::series_color(1, 0.7f));
        dl->AddRect(ImVec2(x + 1, p0.y + hh - hr), ImVec2(x + bw - 1, p0.y + hh), plot::series_color(0));
      }
      if (ImGui::IsItemHovered()) ImGui::SetTooltip("outline: reference, filled: current (share of rows per bin)");
    }
    ImGui::EndTable();
  }
  draw_column_detail();
}

// The clicked column's distributions as bars, reference beside current, and why its test was chosen.
void MonitorPanel::draw_column_detail() {
  if (selected_column_.empty()) return;
  const json* c = nullptr;
  for (const auto& col : drift_["columns"])
    if (col["column"] == selected_column_) c = &col;
  if (!c || !c->value("tested", false)) return;
  ImGui::Spacing();
  ImGui::Text("%s: %s", selected_column_.c_str(), (*c)["drifted"].get<bool>() ? "drift detected" : "no drift detected");
  ImGui::SameLine();
  if (ImGui::SmallButton("Close chart")) {
    selected_column_.clear();
    return;
  }
  ImGui::TextWrapped("Test: %s, because there are %s.", (*c)["test_name"].get<std::string>().c_str(), (*c)["why"].get<std::string>().c_str());
  const json& o = (*c)["overlay"];
  plot::BarChartData bars;
  bars.bin_labels = o["bins"].get<std::vector<std::string>>();
  bars.groups = {"reference: " + drift_.value("reference", std::string()), "current: " + drift_.value("current", std::string())};
  bars.counts = {o["reference"].get<std::vector<double>>(), o["current"].get<std::vector<double>>()};
  if (o.contains("edges")) bars.edges = o["edges"].get<std::vector<double>>();
  const float h = ImGui::GetFontSize() * 10;
  ImGui::BeginChild("distribution_chart", ImVec2(0, h + ImGui::GetFontSize() * 0.5f), false, ImGuiWindowFlags_NoScrollbar);
  plot::bar_chart("distribution", bars, selected_column_.c_str(), h, "share of rows");
  ImGui::EndChild();
}

void MonitorPanel::draw_metrics() {
  section_title("Prometheus metrics");
  ImGui::TextWrapped("This is what Prometheus scrapes from /metrics: counters, a latency histogram and gauges, in text "
                     "format 0.0.4. lab serve publishes the same kind of page over HTTP.");
  if (ImGui::Button("Copy metrics")) ImGui::SetClipboardText(metrics_.c_str());
  ImGui::InputTextMultiline("##metrics", metrics_.data(), metrics_.size() + 1, ImVec2(-1, ImGui::GetFontSize() * 14),
                            ImGuiInputTextFlags_ReadOnly);
}

}  // namespace lab::app
