#include "app/panels/guide_facilitator.hpp"

#include <cstdio>

#include "imgui.h"

namespace lab::app {

using nlohmann::json;

namespace {
const ImVec4 kPass(0.45f, 0.85f, 0.5f, 1), kWait(0.95f, 0.8f, 0.4f, 1), kFail(1.0f, 0.5f, 0.45f, 1);

std::string minutes(int64_t ms) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%lld min", static_cast<long long>((ms + 30000) / 60000));
  return buf;
}
}  // namespace

void FacilitatorView::draw(AppContext& ctx) {
  ImGui::Spacing();
  if (!ImGui::CollapsingHeader("Facilitator view")) return;
  // Fetched when the lab's state changed or once a second (time runs on), not every frame.
  const double now = ImGui::GetTime();
  if (now - fetched_at_ > 1.0 || ctx.session.store_version() != fetched_store_) {
    json r = ctx.dispatcher.handle({{"cmd", "guide.agenda"}});
    if (r.value("ok", false)) agenda_ = std::move(r);
    fetched_at_ = now;
    fetched_store_ = ctx.session.store_version();
  }
  if (!agenda_.contains("parts")) return;
  const std::string track = agenda_.value("track", std::string());
  if (track != track_) {
    track_ = track;
    chosen_.assign(agenda_["parts"].size(), 0);
    message_.clear();
  }
  draw_agenda(agenda_);
  draw_answers(agenda_);
  draw_prepare(ctx, agenda_);
}

void FacilitatorView::draw_agenda(const json& a) {
  const json& pace = a["pace"];
  const std::string state = pace.value("state", std::string());
  const ImVec4 colour = state == "behind" ? kFail : state == "ahead" || state == "on time" ? kPass : kWait;
  ImGui::TextUnformatted("Pace:");
  ImGui::SameLine();
  ImGui::TextColored(colour, "%s", pace.value("says", std::string()).c_str());
  ImGui::TextDisabled("%s spent of %d min planned", minutes(a.value("elapsed_ms", int64_t(0))).c_str(), a.value("planned_min", 0));
  // Two narrow number columns ("12 / 10 min" never clips); the part's title wraps in the rest.
  if (ImGui::BeginTable("agenda", 3, ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH)) {
    ImGui::TableSetupColumn("Part", ImGuiTableColumnFlags_WidthStretch);
    ImGui::TableSetupColumn("Spent / plan", ImGuiTableColumnFlags_WidthFixed, ImGui::CalcTextSize("Spent / plan").x);
    ImGui::TableSetupColumn("Steps", ImGuiTableColumnFlags_WidthFixed, ImGui::CalcTextSize("Steps").x);
    ImGui::TableHeadersRow();
    for (const auto& p : a["parts"]) {
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      ImGui::TextWrapped("%d. %s", p.value("part", 0), p.value("title", std::string()).c_str());
      ImGui::TableNextColumn();
      const int64_t spent = p.value("elapsed_ms", int64_t(0));
      const int planned = p.value("planned_min", 0);
      const bool over = planned > 0 && spent > int64_t(planned) * 60000;
      const std::string text = std::to_string((spent + 30000) / 60000) + " / " + std::to_string(planned) + " min";
      if (over) ImGui::TextColored(kWait, "%s", text.c_str());
      else ImGui::TextUnformatted(text.c_str());
      ImGui::TableNextColumn();
      if (p.value("steps", 0) > 0) ImGui::Text("%d/%d", p.value("steps_done", 0), p.value("steps", 0));
      else ImGui::TextDisabled("-");
    }
    ImGui::EndTable();
  }
}

void FacilitatorView::draw_answers(const json& a) {
  ImGui::Spacing();
  ImGui::TextUnformatted("Knowledge checks in this browser");
  int shown = 0;
  for (const auto& p : a["parts"])
    for (const auto& q : p["quiz"]) {
      ++shown;
      if (!q.value("answered", false)) {
        ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
        ImGui::TextWrapped("-  %s  (not answered)", q.value("prompt", std::string()).c_str());
        ImGui::PopStyleColor();
        continue;
      }
      const bool right = q.value("correct", false);
      ImGui::PushStyleColor(ImGuiCol_Text, right ? kPass : kFail);
      ImGui::TextWrapped("%s  %s: %s", right ? "right" : "wrong", q.value("prompt", std::string()).c_str(),
                         q.value("given", std::string()).c_str());
      ImGui::PopStyleColor();
    }
  if (!shown) ImGui::TextDisabled("This track has no knowledge checks.");
}

void FacilitatorView::draw_prepare(AppContext& ctx, const json& a) {
  ImGui::Spacing();
  ImGui::TextUnformatted("Prepare the room");
  ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
  ImGui::TextWrapped("Runs \"Do it for me\" on every step of the ticked parts, so a demo can start further in "
                     "(e.g. a trained model before the AutoML part).");
  ImGui::PopStyleColor();
  json parts = json::array();
  size_t i = 0;
  for (const auto& p : a["parts"]) {
    if (i >= chosen_.size()) break;
    if (p.value("steps", 0) > 0) {
      char label[200];
      std::snprintf(label, sizeof label, "%d. %s##prepare%zu", p.value("part", 0), p.value("title", std::string()).c_str(), i);
      bool on = chosen_[i] != 0;
      if (ImGui::Checkbox(label, &on)) chosen_[i] = on ? 1 : 0;
      if (on) parts.push_back(p.value("part", 0));
    }
    ++i;
  }
  ImGui::BeginDisabled(parts.empty());
  if (ImGui::Button("Prepare the ticked parts")) {
    json r = ctx.dispatcher.handle({{"cmd", "guide.prepare"}, {"parts", parts}});
    failed_ = !r.value("ok", false);
    message_ = failed_ ? r.value("error", std::string("preparing failed"))
                       : "Prepared: " + std::to_string(r["prepared"].size()) + " step(s) done for you.";
    fetched_at_ = -1e9;
  }
  ImGui::EndDisabled();
  if (!message_.empty()) {
    ImGui::PushStyleColor(ImGuiCol_Text, failed_ ? kFail : kPass);
    ImGui::TextWrapped("%s", message_.c_str());
    ImGui::PopStyleColor();
  }
}

}  // namespace lab::app
