#include "app/panels/room/leaderboard_view.hpp"

#include <cstdio>
#include <set>

#include "app/widgets.hpp"
#include "imgui.h"

namespace lab::app::room {

using nlohmann::json;

namespace {

constexpr double kAutoRefreshSeconds = 30;  // while the Room is on screen

std::string value_text(const json& v) { return v.is_number() ? format_number(v.get<double>()) : "-"; }

}  // namespace

void LeaderboardView::draw(AppContext& ctx) {
  const SyncHub& hub = ctx.session.sync();
  section_title("Room leaderboard");
  if (!hub.settings().configured()) {
    wrapped_disabled("Set the server and experiment above (Test connection or Sync now) to see the room's runs.");
    return;
  }
  const double now = ImGui::GetTime();
  bool refresh = ImGui::Button("Refresh");
  if (hub.room().state == "ready" && refreshed_at_ >= 0 && now - refreshed_at_ > kAutoRefreshSeconds) refresh = true;
  json cmd = {{"cmd", "room.leaderboard"}, {"metric", metric_}, {"page", page_}, {"refresh", refresh || !asked_}};
  if (refresh || !asked_) refreshed_at_ = now;
  asked_ = true;
  error_.clear();
  json board = ctx.run(cmd, &error_);
  if (!error_.empty()) return error_box(error_);

  // The metric picker offers the metrics the room's runs have.
  ImGui::SameLine();
  std::set<std::string> keys;
  for (const auto& r : hub.room().runs)
    for (const auto& [k, v] : r.metrics) keys.insert(k);
  const std::string shown = board.value("metric", "");
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 11);
  if (begin_combo("Metric", shown.empty() ? "(none yet)" : shown.c_str())) {
    for (const auto& k : keys)
      if (ImGui::Selectable(k.c_str(), k == shown)) {
        metric_ = k;
        page_ = 0;
      }
    ImGui::EndCombo();
  }
  ImGui::SameLine();
  ImGui::Checkbox("Compare with mine", &compare_);

  const std::string state = board.value("state", "");
  if (state == "failed") return error_box("Could not read the room: " + board.value("error", std::string()));
  if (state == "loading" && board["total"] == 0) return ImGui::TextDisabled("Loading the room's runs...");
  char line[200];
  std::snprintf(line, sizeof line, "%zu runs in '%s', ranked by %s (%s)%s", board.value("total", size_t(0)),
                board.value("experiment", std::string()).c_str(), shown.empty() ? "-" : shown.c_str(),
                board.value("order", std::string()).c_str(), state == "loading" ? "  refreshing..." : "");
  ImGui::TextUnformatted(line);
  draw_table(board);
  const int pages = board.value("pages", 1);
  if (pages > 1) {
    ImGui::BeginDisabled(page_ == 0);
    if (ImGui::SmallButton("Previous page")) --page_;
    ImGui::EndDisabled();
    ImGui::SameLine();
    ImGui::Text("page %d of %d", board.value("page", 0) + 1, pages);
    ImGui::SameLine();
    ImGui::BeginDisabled(page_ + 1 >= pages);
    if (ImGui::SmallButton("Next page")) ++page_;
    ImGui::EndDisabled();
  }
  if (compare_) {
    ImGui::Spacing();
    draw_compare(board);
  }
}

void LeaderboardView::draw_table(const json& board) {
  const float fh = ImGui::GetFontSize();
  const ImGuiTableFlags flags = ImGuiTableFlags_Borders | ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingStretchProp;
  if (!ImGui::BeginTable("room-board", 5, flags)) return;
  ImGui::TableSetupColumn("rank", ImGuiTableColumnFlags_WidthFixed, fh * 3);
  ImGui::TableSetupColumn("run", ImGuiTableColumnFlags_WidthStretch, 3);
  ImGui::TableSetupColumn("who", ImGuiTableColumnFlags_WidthStretch, 2);
  ImGui::TableSetupColumn(board.value("metric", std::string("metric")).c_str(), ImGuiTableColumnFlags_WidthFixed, fh * 6);
  ImGui::TableSetupColumn("status", ImGuiTableColumnFlags_WidthFixed, fh * 6);
  ImGui::TableHeadersRow();
  for (const auto& r : board["rows"]) {
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    const int rank = r.value("rank", 0);
    ImGui::TextUnformatted(rank ? std::to_string(rank).c_str() : "-");
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(r.value("run_name", std::string()).c_str());
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(r.value("user", std::string()).c_str());
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(value_text(r["value"]).c_str());
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(r.value("status", std::string()).c_str());
  }
  ImGui::EndTable();
}

void LeaderboardView::draw_compare(const json& board) {
  if (!board.contains("room_best")) return ImGui::TextDisabled("No run in the room has this metric yet.");
  if (!board.contains("my_best")) return ImGui::TextDisabled("None of my runs in this experiment has this metric yet.");
  const json& room = board["room_best"];
  const json& mine = board["my_best"];
  std::set<std::string> params;
  for (const auto& [k, v] : room["params"].items()) params.insert(k);
  for (const auto& [k, v] : mine["params"].items()) params.insert(k);
  const float fh = ImGui::GetFontSize();
  if (!ImGui::BeginTable("room-compare", 3, ImGuiTableFlags_Borders | ImGuiTableFlags_SizingStretchProp | ImGuiTableFlags_ScrollY,
                         ImVec2(0, fh * 1.6f * float(std::min<size_t>(params.size() + 4, 8)))))
    return;
  ImGui::TableSetupScrollFreeze(0, 1);
  ImGui::TableSetupColumn("", ImGuiTableColumnFlags_WidthStretch, 2);
  ImGui::TableSetupColumn("room's best", ImGuiTableColumnFlags_WidthStretch, 3);
  ImGui::TableSetupColumn("my best", ImGuiTableColumnFlags_WidthStretch, 3);
  ImGui::TableHeadersRow();
  auto row = [](const std::string& what, const std::string& a, const std::string& b) {
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    ImGui::TextDisabled("%s", what.c_str());
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(a.c_str());
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(b.c_str());
  };
  row("run", room.value("run_name", std::string()), mine.value("run_name", std::string()));
  row("who", room.value("user", std::string()), "me");
  row(board.value("metric", std::string()), value_text(room["value"]), value_text(mine["value"]));
  for (const auto& k : params)
    row(k, room["params"].value(k, std::string("-")), mine["params"].value(k, std::string("-")));
  ImGui::EndTable();
}

}  // namespace lab::app::room
