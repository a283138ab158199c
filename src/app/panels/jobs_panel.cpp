#include "app/panels/jobs_panel.hpp"

#include <algorithm>
#include <cstdio>

#include "app/labelled_widgets.hpp"
#include "app/widgets.hpp"
#include "imgui.h"

namespace lab::app {

using nlohmann::json;

namespace {

const char* kTriggers[] = {"by hand", "when an alert rule fires", "every N days (simulated clock)"};

ImVec4 status_colour(const std::string& s) {
  if (s == "done") return ImVec4(0.45f, 0.8f, 0.5f, 1);
  if (s == "failed" || s == "cancelled") return ImVec4(0.95f, 0.45f, 0.35f, 1);
  if (s == "waiting") return ImVec4(0.95f, 0.75f, 0.3f, 1);
  return ImVec4(0.55f, 0.75f, 0.95f, 1);
}

std::string days_of(const json& r) {
  const int a = r.value("sim_start_day", 0), b = r.value("sim_end_day", 0);
  if (!a) return "-";
  if (!b || a == b) return std::to_string(a);
  return std::to_string(a) + "-" + std::to_string(b);
}

}  // namespace

void JobsPanel::refresh(AppContext& ctx) {
  if (seen_version_ == ctx.session.store_version()) return;
  seen_version_ = ctx.session.store_version();
  endpoints_.clear();
  for (const auto& e : ctx.run({{"cmd", "serve.list"}}, nullptr).value("endpoints", json::array())) endpoints_.push_back(e);
  if (!endpoints_.empty() && std::find(endpoints_.begin(), endpoints_.end(), endpoint_) == endpoints_.end()) endpoint_ = endpoints_.front();
  json j = ctx.run({{"cmd", "jobs.list"}}, nullptr);
  jobs_ = j.value("ok", false) ? j : json();
  json h = ctx.run({{"cmd", "jobs.history"}}, nullptr);
  runs_ = h.value("ok", false) ? h["runs"] : json::array();
  rules_endpoint_.clear();  // the rules are read again for the form
}

void JobsPanel::draw(AppContext& ctx) {
  refresh(ctx);
  ImGui::TextWrapped("Jobs do work by themselves, made of the lab's own commands. A retraining job trains the champion's recipe "
                     "again on the endpoint's recent labelled requests, registers the new model as @challenger, compares both "
                     "on recent requests the challenger never trained on, runs the promotion gates, and promotes it when it is "
                     "better (or waits for your approval).");
  error_box(error_);
  draw_waiting(ctx);
  draw_jobs(ctx);
  draw_new_job(ctx);
  draw_history();
  draw_run_detail(ctx);
}

void JobsPanel::draw_waiting(AppContext& ctx) {
  for (const auto& r : runs_) {
    if (r.value("status", "") != "waiting") continue;
    ImGui::Spacing();
    ImGui::PushStyleColor(ImGuiCol_Text, status_colour("waiting"));
    ImGui::TextWrapped("%s is waiting for approval: %s", r["id"].get<std::string>().c_str(),
                       r["outcome"].get<std::string>().substr(std::string("waiting for approval: ").size()).c_str());
    ImGui::PopStyleColor();
    const std::string id = r["id"];
    if (ImGui::Button(("Approve##" + id).c_str())) ctx.run({{"cmd", "jobs.approve"}, {"run", id}}, &error_);
    ImGui::SameLine();
    if (ImGui::Button(("Reject##" + id).c_str())) ctx.run({{"cmd", "jobs.reject"}, {"run", id}}, &error_);
  }
}

void JobsPanel::draw_jobs(AppContext& ctx) {
  section_title("Jobs");
  const json none = json::array();
  const json& list = jobs_.is_object() ? jobs_["jobs"] : none;
  // The run under way, with the training it waits for.
  for (const auto& r : runs_)
    if (r.value("status", "") == "running" || r.value("status", "") == "queued") {
      const TrainProgress& t = ctx.session.training();
      std::string what = r["log"].empty() ? "" : r["log"].back()["text"].get<std::string>();
      ImGui::TextWrapped("%s %s: %s", r["id"].get<std::string>().c_str(), r["status"].get<std::string>().c_str(), what.c_str());
      if (t.state == TrainState::Running && t.run_name == "retrain " + r["id"].get<std::string>()) {
        char overlay[64];
        std::snprintf(overlay, sizeof overlay, "training: %s, step %d", t.phase.c_str(), t.step);
        ImGui::ProgressBar(float(t.progress), ImVec2(-1, 0), overlay);
      }
    }
  if (list.empty()) {
    ImGui::TextDisabled("No jobs yet: create a retraining job below.");
    return;
  }
  if (ImGui::BeginTable("jobs", 4, ImGuiTableFlags_RowBg | ImGuiTableFlags_Borders | ImGuiTableFlags_SizingStretchProp)) {
    const float em = ImGui::GetFontSize();
    ImGui::TableSetupColumn("job", ImGuiTableColumnFlags_WidthStretch, 2);
    ImGui::TableSetupColumn("starts", ImGuiTableColumnFlags_WidthStretch, 2);
    ImGui::TableSetupColumn("last run", ImGuiTableColumnFlags_WidthStretch, 3);
    ImGui::TableSetupColumn("", ImGuiTableColumnFlags_WidthFixed, button_width("Run now") + button_width("Remove") + em);
    ImGui::TableHeadersRow();
    for (const auto& j : list) {
      const std::string id = j["id"];
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      ImGui::TextWrapped("%s (%s)", j["name"].get<std::string>().c_str(), id.c_str());
      ImGui::TableNextColumn();
      ImGui::TextWrapped("%s", j["trigger"]["description"].get<std::string>().c_str());
      ImGui::TableNextColumn();
      if (j.contains("last_run")) {
        ImGui::PushStyleColor(ImGuiCol_Text, status_colour(j["last_run"]["status"]));
        ImGui::TextWrapped("%s %s", j["last_run"]["id"].get<std::string>().c_str(), j["last_run"]["status"].get<std::string>().c_str());
        ImGui::PopStyleColor();
      } else {
        ImGui::TextDisabled("never ran");
      }
      ImGui::TableNextColumn();
      if (ImGui::SmallButton(("Run now##" + id).c_str())) {
        json r = ctx.run({{"cmd", "jobs.run"}, {"job", id}}, &error_);
        if (r.value("ok", false)) selected_run_ = r["run"]["id"];
      }
      ImGui::SameLine();
      if (ImGui::SmallButton(("Remove##" + id).c_str())) ctx.run({{"cmd", "jobs.remove"}, {"job", id}}, &error_);
    }
    ImGui::EndTable();
  }
}

void JobsPanel::draw_new_job(AppContext& ctx) {
  section_title("New retraining job");
  if (endpoints_.empty()) {
    ImGui::TextDisabled("Deploy a model in Serve first; a retraining job watches its endpoint.");
    return;
  }
  if (rules_endpoint_ != endpoint_) {
    rules_endpoint_ = endpoint_;
    json r = ctx.run({{"cmd", "monitor.rules"}, {"endpoint", endpoint_}}, nullptr);
    rules_ = r.value("ok", false) ? r["rules"] : json::array();
  }
  const float field = ImGui::GetFontSize() * 9;
  const float gap = ImGui::GetStyle().ItemSpacing.x;
  ImGui::SetNextItemWidth(field * 1.2f);
  if (begin_combo("endpoint##job", endpoint_.c_str())) {
    for (const auto& e : endpoints_)
      if (ImGui::Selectable(e.c_str(), e == endpoint_)) endpoint_ = e;
    ImGui::EndCombo();
  }
  same_line_if_fits(labelled_width(field * 2.0f, "starts"), gap);
  ImGui::SetNextItemWidth(field * 2.0f);
  if (begin_combo("starts", kTriggers[trigger_])) {
    for (int i = 0; i < 3; ++i)
      if (ImGui::Selectable(kTriggers[i], i == trigger_)) trigger_ = i;
    ImGui::EndCombo();
  }
  if (trigger_ == 1) {
    if (rules_.empty()) {
      ImGui::TextDisabled("The endpoint has no alert rules; add one in Monitor.");
    } else {
      rule_ = std::clamp(rule_, 0, int(rules_.size()) - 1);
      const std::string preview = rules_[size_t(rule_)]["id"].get<std::string>() + ": " + rules_[size_t(rule_)]["description"].get<std::string>();
      // Wide enough for the rule's whole description where the window allows.
      const float full = ImGui::CalcTextSize(preview.c_str()).x + ImGui::GetFrameHeight() + ImGui::GetStyle().FramePadding.x * 3;
      const float rule_w = std::min(full, std::max(field * 2.6f, ImGui::GetContentRegionAvail().x - ImGui::CalcTextSize("rule").x - gap * 2));
      same_line_if_fits(labelled_width(rule_w, "rule"), gap);
      ImGui::SetNextItemWidth(rule_w);
      if (begin_combo("rule", preview.c_str())) {
        for (int i = 0; i < int(rules_.size()); ++i) {
          const std::string text = rules_[size_t(i)]["id"].get<std::string>() + ": " + rules_[size_t(i)]["description"].get<std::string>();
          if (ImGui::Selectable(text.c_str(), i == rule_)) rule_ = i;
        }
        ImGui::EndCombo();
      }
    }
  } else if (trigger_ == 2) {
    same_line_if_fits(labelled_width(field * 0.8f, "every N days"), gap);
    ImGui::SetNextItemWidth(field * 0.8f);
    input_int("every N days", &every_days_, 1, 7);
    every_days_ = std::clamp(every_days_, 1, 365);
  }
  ImGui::SetNextItemWidth(field * 0.8f);
  input_int("recent days", &window_days_, 1, 7);
  window_days_ = std::clamp(window_days_, 1, 365);
  ImGui::SameLine();
  help_marker("The labelled requests of the log's last N days are the new data; a sample of the champion's training data "
              "(a fifth as many rows) comes with them.");
  same_line_if_fits(ImGui::GetFrameHeight() + ImGui::CalcTextSize("promote without approval").x + gap * 2, gap);
  ImGui::Checkbox("promote without approval", &auto_promote_);
  if (ImGui::Button("Create job")) {
    json trigger = {{"kind", "manual"}};
    if (trigger_ == 1 && !rules_.empty()) trigger = {{"kind", "alert"}, {"rule_id", rules_[size_t(rule_)]["id"]}};
    if (trigger_ == 2) trigger = {{"kind", "schedule"}, {"every_days", every_days_}};
    ctx.run({{"cmd", "jobs.create"}, {"kind", "retrain"}, {"endpoint", endpoint_}, {"trigger", trigger}, {"window_days", window_days_},
             {"auto_promote", auto_promote_}},
            &error_);
  }
}

void JobsPanel::draw_history() {
  section_title("History");
  if (runs_.empty()) {
    ImGui::TextDisabled("No job has run yet.");
    return;
  }
  ImGui::TextDisabled("Newest first; choose a run to see its log, runs and versions. Days are the Monitor's days.");
  const bool scroll = runs_.size() > 6;
  const float em = ImGui::GetFontSize();
  const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_Borders | ImGuiTableFlags_SizingStretchProp |
                                (scroll ? ImGuiTableFlags_ScrollY : 0);
  if (ImGui::BeginTable("job runs", 5, flags, ImVec2(0, scroll ? em * 16 : 0))) {
    ImGui::TableSetupScrollFreeze(0, 1);
    ImGui::TableSetupColumn("run", ImGuiTableColumnFlags_WidthFixed, em * 4.5f);
    ImGui::TableSetupColumn("status", ImGuiTableColumnFlags_WidthFixed, em * 4.5f);
    ImGui::TableSetupColumn("days", ImGuiTableColumnFlags_WidthFixed, em * 3);
    ImGui::TableSetupColumn("started by", ImGuiTableColumnFlags_WidthStretch, 2);
    ImGui::TableSetupColumn("outcome", ImGuiTableColumnFlags_WidthStretch, 3);
    ImGui::TableHeadersRow();
    for (auto it = runs_.rbegin(); it != runs_.rend(); ++it) {
      const json& r = *it;
      const std::string id = r["id"];
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      if (ImGui::Selectable((id + "##run").c_str(), selected_run_ == id, ImGuiSelectableFlags_SpanAllColumns)) selected_run_ = id;
      ImGui::TableNextColumn();
      ImGui::PushStyleColor(ImGuiCol_Text, status_colour(r["status"]));
      ImGui::TextUnformatted(r["status"].get<std::string>().c_str());
      ImGui::PopStyleColor();
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(days_of(r).c_str());
      ImGui::TableNextColumn();
      ImGui::TextWrapped("%s", r["trigger"].get<std::string>().c_str());
      ImGui::TableNextColumn();
      ImGui::TextWrapped("%s", r["outcome"].get<std::string>().c_str());
    }
    ImGui::EndTable();
  }
}

void JobsPanel::draw_run_detail(AppContext& ctx) {
  if (selected_run_.empty() && !runs_.empty()) selected_run_ = runs_.back()["id"];
  const json* run = nullptr;
  for (const auto& r : runs_)
    if (r["id"] == selected_run_) run = &r;
  if (!run) return;
  const json& r = *run;
  section_title(("Run " + selected_run_).c_str());
  ImGui::TextWrapped("%s, started %s (%s), %s.", r["job_name"].get<std::string>().c_str(),
                     format_time_ms(r["start_ms"].get<int64_t>()).c_str(), r["trigger"].get<std::string>().c_str(),
                     r["status"].get<std::string>().c_str());
  const json& c = r["comparison"];
  if (c.contains("challenger")) {
    flow_text({"accuracy on " + std::to_string(c["rows"].get<int>()) + " recent labelled requests:",
               "champion v" + std::to_string(c["champion"]["version"].get<int>()) + " " + format_number(c["champion"]["accuracy"].get<double>()),
               "challenger v" + std::to_string(c["challenger"]["version"].get<int>()) + " " +
                   format_number(c["challenger"]["accuracy"].get<double>())});
  }
  for (const auto& id : r["run_ids"]) {
    const std::string run_id = id;
    if (ImGui::SmallButton(("Open run " + run_id.substr(0, 8)).c_str())) ctx.run({{"cmd", "nav.open"}, {"route", "#/runs/" + run_id}}, &error_);
    ImGui::SameLine();
  }
  for (const auto& v : r["versions"]) {
    ImGui::Text("%s v%d", v["model"].get<std::string>().c_str(), v["version"].get<int>());
    ImGui::SameLine();
  }
  ImGui::NewLine();
  for (const auto& line : r["log"]) {
    ImGui::TextDisabled("%s", format_time_ms(line["time_ms"].get<int64_t>()).substr(11).c_str());
    ImGui::SameLine();
    ImGui::TextWrapped("%s", line["text"].get<std::string>().c_str());
  }
}

}  // namespace lab::app
