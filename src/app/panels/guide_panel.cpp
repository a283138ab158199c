#include "app/panels/guide_panel.hpp"

#include <algorithm>
#include <cstdio>

#include "app/widgets.hpp"
#include "imgui.h"

namespace lab::app {

using nlohmann::json;

namespace {
const ImVec4 kPass(0.45f, 0.85f, 0.5f, 1), kWait(0.95f, 0.8f, 0.4f, 1), kFail(1.0f, 0.5f, 0.45f, 1);

std::string str(const json& j, const char* key) { return j.contains(key) && j[key].is_string() ? j[key].get<std::string>() : ""; }

std::string minutes_text(int64_t ms) {
  const int64_t m = ms / 60000;
  char buf[32];
  std::snprintf(buf, sizeof buf, "%lld min", static_cast<long long>(m));
  return buf;
}

// "data" -> "Data": the module titles the shell knows.
std::string module_title(std::string m) {
  if (m == "automl") return "AutoML";
  if (!m.empty()) m[0] = char(std::toupper(static_cast<unsigned char>(m[0])));
  return m;
}

void wrapped(const std::string& s) { ImGui::TextWrapped("%s", s.c_str()); }

// Line breaks between words so the text fits `width` (ImGui labels draw '\n' as a new line, so a
// long answer stays one clickable radio button instead of running past the edge).
std::string wrap_to_width(const std::string& text, float width) {
  std::string out, line;
  size_t i = 0;
  while (i < text.size()) {
    size_t j = text.find(' ', i);
    if (j == std::string::npos) j = text.size();
    const std::string word = text.substr(i, j - i);
    const std::string candidate = line.empty() ? word : line + " " + word;
    if (!line.empty() && ImGui::CalcTextSize(candidate.c_str()).x > width) {
      out += line + "\n";
      line = word;
    } else {
      line = candidate;
    }
    i = j + 1;
  }
  return out + line;
}
}  // namespace

void GuidePanel::attach(AppContext& ctx) { (void)ctx; }

void GuidePanel::run(AppContext& ctx, const json& command) {
  json r = ctx.dispatcher.handle(command);
  error_ = r.value("ok", false) ? "" : r.value("error", std::string("the guide command failed"));
  refreshed_at_ = -1e9;  // show the outcome on this frame
  checked_at_ = -1e9;
}

// guide.status is cheap (no check is run), but it is still JSON: fetched when the lab's state
// changed or once a second (time spent, the hint's delay), not every frame.
void GuidePanel::refresh(AppContext& ctx) {
  const double now = ImGui::GetTime();
  const uint64_t version = ctx.session.store_version();
  if (st_.is_object() && version == refreshed_store_ && now - refreshed_at_ < 1.0) return;
  json r = ctx.dispatcher.handle({{"cmd", "guide.status"}});
  if (r.value("ok", false)) st_ = std::move(r);
  refreshed_at_ = now;
  refreshed_store_ = ctx.session.store_version();
}

// The current step's check runs a lab command (a run list, the endpoint's health), so it is
// evaluated when the lab's state changed, or every few seconds, and not once a step is done.
void GuidePanel::maybe_check(AppContext& ctx) {
  if (!st_.contains("step")) return;
  const json& step = st_["step"];
  if (step.value("done", false) || !step.value("available", true)) return;
  const std::string key = str(st_, "active") + "/" + str(step, "id");
  const double now = ImGui::GetTime();
  const uint64_t version = ctx.session.store_version();
  const bool changed = version != checked_store_ || key != checked_step_;
  if (!(changed && now - checked_at_ > 0.3) && now - checked_at_ < 5.0) return;
  ctx.dispatcher.handle({{"cmd", "guide.check"}});
  checked_at_ = now;
  checked_store_ = ctx.session.store_version();
  checked_step_ = key;
  refreshed_at_ = -1e9;
  refresh(ctx);
}

void GuidePanel::draw_collapsed(AppContext& ctx) {
  (void)ctx;
  if (ImGui::Button("Show guide")) collapsed_ = false;
}

void GuidePanel::draw(AppContext& ctx, const OpenModule& open_module) {
  refresh(ctx);
  maybe_check(ctx);
  draw_header(ctx);
  error_box(error_);
  if (st_.contains("load_errors")) {
    wrapped_colored(kFail, "Could not load " + str(st_, "load_file") + ":");
    for (const auto& e : st_["load_errors"]) wrapped_colored(kFail, "- " + e.get<std::string>());
    ImGui::Spacing();
  }
  if (!st_.contains("track") || picking_) {
    draw_picker(ctx);
    return;
  }
  draw_step(ctx, open_module);
  draw_quizzes(ctx);
  draw_outline(ctx);
  facilitator_.draw(ctx);
}

void GuidePanel::draw_header(AppContext& ctx) {
  ImGui::SetWindowFontScale(compact_ ? 1.0f : 1.2f);
  ImGui::TextUnformatted("Guide");
  ImGui::SetWindowFontScale(1.0f);
  if (compact_ && st_.contains("track") && !picking_) {
    // One line for the whole header in the narrow band: the track and its steps done.
    const json& p = st_["progress"];
    ImGui::SameLine();
    ImGui::TextDisabled("%s  |  %d of %d steps", str(st_["track"], "title").c_str(), p.value("steps_done", 0), p.value("steps_total", 0));
  }
  const float w = button_width("Hide guide");
  ImGui::SameLine(std::max(ImGui::GetCursorPosX(), ImGui::GetWindowContentRegionMax().x - w));
  if (ImGui::SmallButton("Hide guide")) collapsed_ = true;
  if (!st_.contains("track") || picking_) return;
  const json& t = st_["track"];
  const json& p = st_["progress"];
  if (!compact_) wrapped(str(t, "title"));
  char line[160];
  std::snprintf(line, sizeof line, "%d of %d steps  |  %d of %d answers  |  %s of %d min", p.value("steps_done", 0),
                p.value("steps_total", 0), p.value("answered", 0), p.value("questions", 0),
                minutes_text(p.value("time_ms", int64_t(0))).c_str(), t.value("minutes", 0));
  const float fraction = p.value("steps_total", 0) > 0 ? float(p.value("steps_done", 0)) / float(p.value("steps_total", 1)) : 0.0f;
  if (compact_) return;
  ImGui::ProgressBar(fraction, ImVec2(-1, 0), "");
  wrapped_disabled(line);
}

void GuidePanel::draw_picker(AppContext& ctx) {
  section_title("Start here");
  wrapped("Pick a workshop track. Each step tells you what to do and why, opens the right module, and turns green when the lab "
          "sees it done. Your progress is kept in this browser.");
  json list = ctx.dispatcher.handle({{"cmd", "guide.tracks"}});
  for (const auto& t : list.value("tracks", json::array())) {
    ImGui::Spacing();
    ImGui::PushID(str(t, "id").c_str());
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_PlotLinesHovered));
    wrapped(str(t, "title"));
    ImGui::PopStyleColor();
    char meta[160];
    std::snprintf(meta, sizeof meta, "%d min  |  %d steps%s", t.value("minutes", 0), t.value("steps", 0),
                  t.value("steps_done", 0) > 0 ? "  |  started" : "");
    wrapped_disabled(meta);
    wrapped(str(t, "summary"));
    const std::string label = (t.value("steps_done", 0) > 0 ? "Continue: " : "Start: ") + str(t, "title");
    if (ImGui::Button(label.c_str())) {
      run(ctx, {{"cmd", "guide.start"}, {"track", str(t, "id")}});
      picking_ = false;
    }
    ImGui::PopID();
  }
  ImGui::Spacing();
  draw_load(ctx);
  if (picking_ && st_.contains("track")) {
    ImGui::Spacing();
    if (ImGui::Button("Back to my track")) picking_ = false;
  }
}

void GuidePanel::draw_load(AppContext& ctx) {
  ImGui::Separator();
  wrapped_disabled("Facilitators: load your own track file (JSON, see docs/tracks.md), or drop it on the page.");
  ImGui::BeginDisabled(!ctx.pick_track_file);
  if (ImGui::Button("Load a track file...")) ctx.pick_track_file();
  ImGui::EndDisabled();
}

void GuidePanel::draw_step(AppContext& ctx, const OpenModule& open_module) {
  const json& step = st_["step"];
  const json& track = st_["track"];
  const int n = step.value("n", 1);
  int total = 0;
  for (const auto& part : track["parts"]) total += int(part["steps"].size());
  int part_minutes = 0;
  const int part = step.value("part", 1);
  if (part >= 1 && part <= int(track["parts"].size())) part_minutes = track["parts"][size_t(part - 1)].value("minutes", 0);
  ImGui::Separator();
  char where[200];
  char timing[32] = "";
  if (part_minutes > 0) std::snprintf(timing, sizeof timing, " (%d min)", part_minutes);
  std::snprintf(where, sizeof where, "Step %d of %d  |  Part %d: %s%s", n, total, part, str(step, "part_title").c_str(), timing);
  wrapped_disabled(where);
  ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_PlotLinesHovered));
  ImGui::SetWindowFontScale(1.1f);
  wrapped(str(step, "title"));
  ImGui::SetWindowFontScale(1.0f);
  ImGui::PopStyleColor();

  const bool may_advance = step.value("done", false) || !step.value("available", true);
  auto back_next = [&] {
    ImGui::BeginDisabled(n <= 1);
    if (ImGui::Button("Back")) run(ctx, {{"cmd", "guide.go"}, {"step", n - 1}});
    ImGui::EndDisabled();
    same_line_if_fits(button_width("Next step"), ImGui::GetStyle().ItemSpacing.x);
    ImGui::BeginDisabled(n >= total || !may_advance);
    if (ImGui::Button("Next step")) run(ctx, {{"cmd", "guide.go"}, {"step", n + 1}});
    ImGui::EndDisabled();
  };
  // In the narrow band every action is on one row, near the top.
  const bool nav_in_actions = compact_ && step.value("available", true);

  if (!step.value("available", true)) {
    wrapped_colored(kWait, "Coming soon");
    wrapped(str(step, "coming_soon"));
    wrapped_disabled(str(step, "what"));
  } else {
    if (!compact_) {
      wrapped(str(step, "what"));
      if (!str(step, "why").empty()) wrapped_disabled("Why: " + str(step, "why"));
    }
    ImGui::Spacing();
    const std::string open = "Open " + module_title(str(step, "module"));
    if (ImGui::Button(open.c_str()) && open_module) open_module(str(step, "module"));
    same_line_if_fits(button_width("Do it for me"), ImGui::GetStyle().ItemSpacing.x);
    if (ImGui::Button("Do it for me")) {
      if (open_module) open_module(str(step, "module"));  // so the participant sees what it did
      run(ctx, {{"cmd", "guide.do_step"}});
    }
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Runs this step's commands for you, then checks it");
    if (nav_in_actions) {
      same_line_if_fits(button_width("Back"), ImGui::GetStyle().ItemSpacing.x * 4);
      back_next();
    }

    // The check's state.
    ImGui::Spacing();
    const bool done = step.value("done", false);
    const json last = step.value("last_check", json::object());
    if (done) {
      wrapped_colored(kPass, "Check passed: " + str(step, "says"));
    } else {
      wrapped_colored(kWait, "Not yet: " + str(step, "says"));
      if (!str(last, "detail").empty()) wrapped_disabled("(" + str(last, "detail") + ")");
      const double waited = step.value("seconds_on_step", 0.0);
      if (!str(step, "hint").empty() && waited >= step.value("hint_after_seconds", 60))
        wrapped_colored(ImVec4(0.6f, 0.8f, 1.0f, 1), "Hint: " + str(step, "hint"));
    }
    if (compact_) {  // the explanation after the actions, so they fit in the band
      wrapped(str(step, "what"));
      if (!str(step, "why").empty()) wrapped_disabled("Why: " + str(step, "why"));
    }
  }
  if (!nav_in_actions) {
    ImGui::Spacing();
    back_next();
  }
  if (n >= total && st_["progress"].value("finished", false)) wrapped_colored(kPass, "Track complete: every step's check passes.");
}

// Knowledge checks of the current part once its steps are done, and of the step-less parts that
// follow it (a closing discussion) once the step before them is the current one.
void GuidePanel::draw_quizzes(AppContext& ctx) {
  const json& track = st_["track"];
  const json& step = st_["step"];
  const size_t part = size_t(step.value("part", 1)) - 1;
  const auto& parts = track["parts"];
  if (part >= parts.size()) return;
  bool part_done = true;
  for (const auto& s : parts[part]["steps"]) part_done = part_done && (s.value("done", false) || !s.value("available", true));
  if (!part_done) return;
  const bool last_of_part = !parts[part]["steps"].empty() && parts[part]["steps"].back().value("n", 0) == step.value("n", 0);
  std::vector<const json*> shown;
  shown.push_back(&parts[part]);
  if (last_of_part)
    for (size_t i = part + 1; i < parts.size() && parts[i]["steps"].empty(); ++i) shown.push_back(&parts[i]);
  for (const json* p : shown) {
    if ((*p)["quiz"].empty()) continue;
    ImGui::Spacing();
    wrapped_colored(ImGui::GetStyleColorVec4(ImGuiCol_PlotLinesHovered), "Knowledge check: " + str(*p, "title"));
    ImGui::Separator();
    for (const auto& q : (*p)["quiz"]) draw_question(ctx, q);
  }
}

void GuidePanel::draw_question(AppContext& ctx, const json& q) {
  const std::string id = str(q, "id");
  ImGui::PushID(id.c_str());
  ImGui::Spacing();
  wrapped(str(q, "prompt"));
  const json answer = q.value("answer", json::object());
  if (str(q, "kind") == "choice") {
    int i = 0;
    for (const auto& c : q["choices"]) {
      ++i;
      const bool chosen = str(answer, "given") == c.get<std::string>();
      const float text_w = ImGui::GetContentRegionAvail().x - ImGui::GetFrameHeight() - ImGui::GetStyle().ItemInnerSpacing.x;
      const std::string label = wrap_to_width(c.get<std::string>(), std::max(text_w, ImGui::GetFontSize() * 6)) + "##c" + std::to_string(i);
      if (ImGui::RadioButton(label.c_str(), chosen)) run(ctx, {{"cmd", "guide.answer"}, {"question", id}, {"choice", i}});
    }
  } else {
    if (answer_question_ != id) {
      answer_question_ = id;
      std::snprintf(answer_, sizeof answer_, "%s", str(answer, "given").c_str());
    }
    ImGui::SetNextItemWidth(std::min(ImGui::GetContentRegionAvail().x - button_width("Answer") - ImGui::GetStyle().ItemSpacing.x,
                                     ImGui::GetFontSize() * 18));
    const bool enter = ImGui::InputTextWithHint("##answer", "your answer", answer_, sizeof answer_, ImGuiInputTextFlags_EnterReturnsTrue);
    ImGui::SameLine();
    if (ImGui::Button("Answer") || enter) run(ctx, {{"cmd", "guide.answer"}, {"question", id}, {"text", std::string(answer_)}});
  }
  if (answer.contains("correct")) {
    const bool correct = answer.value("correct", false);
    wrapped_colored(correct ? kPass : kFail, correct ? "Right." : "Not quite.");
    if (!str(answer, "explanation").empty()) wrapped(str(answer, "explanation"));
    if (!correct && !str(answer, "right_answer").empty())
      wrapped_disabled("The answer: " + str(answer, "right_answer") + ". " + str(answer, "right_explanation"));
  }
  ImGui::PopID();
}

void GuidePanel::draw_outline(AppContext& ctx) {
  ImGui::Spacing();
  if (!ImGui::CollapsingHeader("All steps")) return;
  const json& track = st_["track"];
  const int current = st_["step"].value("n", 1);
  const json& part_ms = st_["progress"]["part_ms"];
  size_t pi = 0;
  for (const auto& part : track["parts"]) {
    char head[200];
    const int64_t spent = pi < part_ms.size() ? part_ms[pi].get<int64_t>() : 0;
    if (part.value("minutes", 0) > 0)
      std::snprintf(head, sizeof head, "%zu. %s  (%d min planned, %s spent)", pi + 1, str(part, "title").c_str(), part.value("minutes", 0),
                    minutes_text(spent).c_str());
    else
      std::snprintf(head, sizeof head, "%zu. %s  (%s spent)", pi + 1, str(part, "title").c_str(), minutes_text(spent).c_str());
    wrapped_disabled(head);
    for (const auto& s : part["steps"]) {
      const int n = s.value("n", 0);
      const char* mark = !s.value("available", true) ? "soon" : s.value("done", false) ? "done" : "    ";
      char label[200];
      std::snprintf(label, sizeof label, "  %s  %d. %s##step%d", mark, n, str(s, "title").c_str(), n);
      if (ImGui::Selectable(label, n == current)) run(ctx, {{"cmd", "guide.go"}, {"step", n}});
    }
    ++pi;
  }
  ImGui::Spacing();
  if (ImGui::Button("Switch track")) picking_ = true;
  ImGui::SameLine();
  if (ImGui::Button("Reset this track")) confirm_reset_ = true;
  if (confirm_reset_) {
    wrapped_colored(kFail, "Forget every step, answer and minute of this track?");
    if (ImGui::Button("Yes, reset")) {
      run(ctx, {{"cmd", "guide.reset"}, {"track", str(st_, "active")}, {"confirm", true}});
      confirm_reset_ = false;
    }
    ImGui::SameLine();
    if (ImGui::Button("Keep my progress")) confirm_reset_ = false;
  }
}

}  // namespace lab::app
