#include "app/panels/room/sync_section.hpp"

#include <cstdio>

#include "app/widgets.hpp"
#include "imgui.h"

namespace lab::app::room {

namespace {

void copy(char* dst, size_t n, const std::string& s) { std::snprintf(dst, n, "%s", s.c_str()); }

const ImVec4 kBad(1, 0.45f, 0.4f, 1), kGood(0.6f, 0.85f, 0.6f, 1);

}  // namespace

void SyncSection::load_form(const Session& s) {
  const SyncSettings& st = s.sync().settings();
  copy(url_, sizeof url_, st.url.empty() ? s.sync().default_url() : st.url);
  std::string exp = st.experiment;
  if (exp.empty()) {
    // The local experiment's name, as `lab sync` defaults to it.
    try {
      exp = s.store().get_experiment(s.experiment_id()).name;
    } catch (const std::exception&) {
    }
  }
  copy(experiment_, sizeof experiment_, exp);
  copy(user_, sizeof user_, st.user);
  copy(password_, sizeof password_, st.password);
  remember_ = st.remember;
  loaded_ = true;
}

bool SyncSection::configure(AppContext& ctx) {
  error_.clear();
  ctx.run({{"cmd", "sync.configure"}, {"url", url_}, {"experiment", experiment_}, {"user", user_}, {"password", password_},
           {"remember", remember_}},
          &error_);
  return error_.empty();
}

void SyncSection::draw(AppContext& ctx) {
  const Session& s = ctx.session;
  const SyncHub& hub = s.sync();
  if (!loaded_ || (url_[0] == 0 && !hub.default_url().empty())) load_form(s);
  const float fh = ImGui::GetFontSize();
  const float field = std::min(fh * 22, std::max(fh * 12, ImGui::GetContentRegionAvail().x - fh * 9));

  section_title("Sync with the room's MLflow");
  ImGui::SetNextItemWidth(field);
  ImGui::InputText("Server URL", url_, sizeof url_);
  ImGui::SameLine();
  help_marker("The room's MLflow. When the lab's server proxies it (scripts/run.sh --tracking-server URL), this page's own "
              "address is right. MLflow on another address must allow this page (CORS; MLflow 3.5+ with --cors-allowed-origins).");
  ImGui::SetNextItemWidth(field);
  ImGui::InputText("Experiment", experiment_, sizeof experiment_);
  ImGui::SetNextItemWidth(std::min(field, fh * 11));
  ImGui::InputText("User", user_, sizeof user_);
  same_line_if_fits(labelled_width(std::min(field, fh * 11), "Password"), fh);
  ImGui::SetNextItemWidth(std::min(field, fh * 11));
  ImGui::InputText("Password", password_, sizeof password_, ImGuiInputTextFlags_Password);
  ImGui::Checkbox("Remember password", &remember_);
  ImGui::SameLine();
  help_marker("Unticked, the password lives only in this tab's memory and is asked again after a reload.");

  const bool busy = hub.progress().state == "syncing" || hub.progress().state == "waiting";
  if (ImGui::Button("Test connection") && configure(ctx)) ctx.run({{"cmd", "sync.test"}}, &error_);
  ImGui::SameLine();
  ImGui::BeginDisabled(busy);
  if (ImGui::Button("Sync now") && configure(ctx)) ctx.run({{"cmd", "sync.run"}}, &error_);
  ImGui::EndDisabled();
  error_box(error_);

  const ConnectionReport& c = hub.connection();
  if (c.state != "idle") {
    ImGui::PushStyleColor(ImGuiCol_Text, c.state == "failed" ? kBad : c.state == "ok" ? kGood : ImGui::GetStyleColorVec4(ImGuiCol_Text));
    ImGui::TextWrapped("Connection: %s", c.message.c_str());
    ImGui::PopStyleColor();
  }

  // State and counts over the runs of this experiment.
  size_t local_only = 0, pending = 0, synced = 0, failed = 0;
  auto count = [&](const Run& r) {
    switch (hub.view(r.info).state) {
      case sync::RunState::NotSynced: ++local_only; break;
      case sync::RunState::Pending: ++pending; break;
      case sync::RunState::Synced: ++synced; break;
      case sync::RunState::Failed: ++failed; break;
    }
  };
  for (const Run& r : s.runs()) count(r);
  const SyncProgress& p = hub.progress();
  const char* state = p.state == "idle" ? "not started" : p.state == "waiting" ? "waiting to retry" : p.state.c_str();
  char line[256];
  std::snprintf(line, sizeof line, "Sync: %s   synced %zu   pending %zu   failed %zu   local only %zu", state, synced, pending,
                failed, local_only);
  ImGui::TextUnformatted(line);
  if (!p.error.empty() && p.state != "done") {
    ImGui::PushStyleColor(ImGuiCol_Text, kBad);
    ImGui::TextWrapped("Last problem: %s", p.error.c_str());
    ImGui::PopStyleColor();
  }
}

}  // namespace lab::app::room
