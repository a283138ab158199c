#include "app/panels/train_panel.hpp"

#include <algorithm>
#include <cstdio>

#include "app/labelled_widgets.hpp"
#include "app/plot/line_chart.hpp"
#include "app/widgets.hpp"
#include "core/eval/result_hints.hpp"
#include "core/pipeline/train_job.hpp"
#include "imgui.h"

namespace lab::app {

namespace {
const char* metric_help(const std::string& m) {
  if (m == "accuracy") return "Share of held-out rows predicted correctly.";
  if (m == "roc_auc") return "Chance that a random positive scores higher than a random negative. 0.5 = guessing.";
  if (m == "pr_auc") return "Average precision: area under the precision-recall curve; good for rare positives.";
  if (m == "log_loss") return "How good the probabilities are; lower is better.";
  if (m == "precision") return "Of the rows predicted positive, the share that really are.";
  if (m == "recall") return "Of the real positives, the share the model finds.";
  if (m == "f1") return "Harmonic mean of precision and recall.";
  if (m == "rmse") return "Root mean squared error, in the target's units; lower is better.";
  if (m == "mae") return "Mean absolute error, in the target's units; lower is better.";
  if (m == "r2") return "Share of the target's variance explained; 1 is perfect, 0 is the mean.";
  if (m == "macro_f1") return "F1 averaged over classes, each class counting equally.";
  return "";
}

}  // namespace

void TrainPanel::draw_params(AppContext& ctx) {
  std::string algo = known_algos()[size_t(algo_index_)];
  float w = ImGui::GetFontSize() * 14;
  // Widgets come from the learner's one ParamSpec declaration.
  for (const ParamSpec& s : param_specs_for(algo)) {
    // gamma with kernel linear: kept, but greyed out, as it changes nothing
    const bool applies = param_applies(s, params_);
    if (!applies) ImGui::BeginDisabled();
    ImGui::PushItemWidth(w);
    if (s.kind == ParamSpec::Kind::Float) {
      if (!params_.contains(s.name)) params_[s.name] = s.default_number;
      // A double end to end: a float widget would log 0.1 as 0.10000000149011612 and the
      // filter params.x = '0.1' would miss the run. The slider rounds to the digits it shows.
      double v = params_[s.name].get<double>();
      // A value that stands for a rule shows the rule (gamma 0 -> "scale: ..."), not "0.000";
      // ImGui draws a format without a '%' as it is.
      const char* format = v == 0 && !s.zero_means.empty() ? s.zero_means.c_str() : s.log_scale ? "%.4g" : "%.3f";
      if (ImGui::SliderScalar(s.name.c_str(), ImGuiDataType_Double, &v, &s.min, &s.max, format,
                              s.log_scale ? ImGuiSliderFlags_Logarithmic : 0))
        params_[s.name] = v;
    } else if (s.kind == ParamSpec::Kind::Int) {
      if (!params_.contains(s.name)) params_[s.name] = int(s.default_number);
      int v = params_[s.name].get<int>();
      // Wide ranges (max_iter up to a million) are typed, not dragged: a slider would be too coarse.
      bool changed = s.max - s.min > 1000 ? input_int(s.name.c_str(), &v) : ImGui::SliderInt(s.name.c_str(), &v, int(s.min), int(s.max));
      if (changed) params_[s.name] = std::clamp(v, int(s.min), int(s.max));
    } else {
      if (!params_.contains(s.name)) params_[s.name] = s.default_choice;
      std::string cur = params_[s.name].get<std::string>();
      if (begin_combo(s.name.c_str(), cur.c_str())) {
        for (const auto& c : s.choices)
          if (ImGui::Selectable(c.c_str(), c == cur)) params_[s.name] = c;
        ImGui::EndCombo();
      }
    }
    ImGui::PopItemWidth();
    if (!applies) ImGui::EndDisabled();
    help_marker(applies ? s.help.c_str()
                        : (s.help + "\n\nNo effect now: only used when " + s.only_when_param + " is " + s.only_when_value + ".").c_str());
  }
}

// The run name follows the current learner and dataset ("svm-churn-2") until the participant
// types one; clearing the field hands it back to the default.
void TrainPanel::draw_run_name(AppContext& ctx, const std::string& algo) {
  if (!run_name_typed_) {
    std::string base = algo + "-" + ctx.session.dataset()->name;
    int taken = 0;
    for (const auto& r : ctx.session.runs())
      if (r.info.run_name == base || r.info.run_name.rfind(base + "-", 0) == 0) ++taken;
    std::string name = taken == 0 ? base : base + "-" + std::to_string(taken + 1);
    std::snprintf(run_name_, sizeof run_name_, "%s", name.c_str());
  }
  if (input_text_with_hint("run name", "e.g. baseline-C1", run_name_, sizeof run_name_)) run_name_typed_ = run_name_[0] != 0;
  help_marker("Named after the learner and the dataset until you type a name of your own; clear it to go back.");
}

void TrainPanel::draw(AppContext& ctx) {
  const TrainProgress& tp = ctx.session.training();
  bool running = tp.state == TrainState::Running;
  if (!ctx.session.dataset()) {
    ImGui::TextWrapped("Generate a dataset in the Data module first; then come back here to train a model on it.");
    return;
  }

  // Two columns: the settings on the left, what the run does on the right; stacked when the
  // window is too narrow for both (the results column would be a sliver).
  float form_w = std::max(ImGui::GetFontSize() * 26, ImGui::GetContentRegionAvail().x * 0.38f);
  bool stacked = ImGui::GetContentRegionAvail().x < ImGui::GetFontSize() * 48;
  if (!stacked) ImGui::BeginChild("form", ImVec2(form_w, 0));
  ImGui::BeginDisabled(running);
  section_title("Model");
  auto algos = known_algos();
  const auto& all = learners();
  Task task = target_task(ctx);
  auto supports = [&](size_t i) {
    for (Task t : all[i].tasks)
      if (t == task) return true;
    return false;
  };
  if (!supports(size_t(algo_index_)))  // the dataset changed: pick the first learner that fits
    for (size_t i = 0; i < all.size(); ++i)
      if (supports(i)) { algo_index_ = int(i); params_ = nlohmann::json::object(); break; }
  ImGui::PushItemWidth(ImGui::GetFontSize() * 14);
  if (begin_combo("algorithm", all[size_t(algo_index_)].label.c_str())) {
    for (size_t i = 0; i < all.size(); ++i) {
      // Learners that cannot handle this target's task are shown, greyed, so the menu teaches.
      ImGui::BeginDisabled(!supports(i));
      if (ImGui::Selectable(all[i].label.c_str(), int(i) == algo_index_)) { algo_index_ = int(i); params_ = nlohmann::json::object(); }
      ImGui::EndDisabled();
    }
    ImGui::EndCombo();
  }
  help_marker(all[size_t(algo_index_)].help.c_str());
  ImGui::TextDisabled("target '%s': a %s task", ctx.session.dataset()->table.target() ? ctx.session.dataset()->table.target()->name.c_str() : "-",
                      to_string(task));
  draw_params(ctx);
  static const double kMinTest = 0.05, kMaxTest = 0.5;
  ImGui::SliderScalar("test fraction", ImGuiDataType_Double, &test_fraction_, &kMinTest, &kMaxTest, "%.2f");
  help_marker("Share of rows held out (stratified by the target) to measure the model on data it never saw.");
  input_int("split seed", &seed_);
  draw_run_name(ctx, algos[size_t(algo_index_)]);
  ImGui::PopItemWidth();
  ImGui::EndDisabled();

  ImGui::Spacing();
  if (!running) {
    if (ImGui::Button("Train")) {
      auto reply = ctx.run({{"cmd", "train.start"}, {"algo", algos[size_t(algo_index_)]}, {"params", params_},
                            {"test_fraction", double(test_fraction_)}, {"seed", seed_}, {"run_name", std::string(run_name_)}},
                           &error_);
      warning_ = reply.value("warning", std::string());  // a long run's estimate and how to shorten it
    }
  } else if (ImGui::Button("Cancel")) {
    ctx.run({{"cmd", "train.cancel"}}, &error_);
  }
  ImGui::SameLine();
  bool slow_motion = ctx.session.runner().slow_motion();  // the runner beside the session paces training
  if (ImGui::Checkbox("slow motion", &slow_motion)) ctx.run({{"cmd", "train.pace"}, {"slow_motion", slow_motion}}, &error_);
  help_marker("Run one training step per frame so you can watch the curve grow. Turn off to train at full speed.");
  error_box(error_);
  if (!warning_.empty() && running) {
    ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(0.95f, 0.75f, 0.3f, 1));
    ImGui::TextWrapped("%s", warning_.c_str());
    ImGui::PopStyleColor();
  }
  if (stacked) {
    draw_progress(tp);
    return;
  }
  ImGui::EndChild();
  ImGui::SameLine();
  ImGui::BeginChild("progress", ImVec2(0, 0));
  draw_progress(tp);
  ImGui::EndChild();
}

void TrainPanel::draw_progress(const TrainProgress& tp) {
  if (tp.state == TrainState::Idle) {
    section_title("Training");
    ImGui::TextWrapped("Choose parameters on the left and press Train. The loss curve appears here and grows step by "
                       "step; the held-out metrics appear when the run finishes. Every run is saved in Runs.");
    return;
  }
  section_title("Training");
  char overlay[96];
  std::snprintf(overlay, sizeof overlay, "%s: step %d", to_string(tp.state), tp.step);
  ImGui::ProgressBar(float(tp.progress), ImVec2(-1, 0), overlay);
  ImGui::Text("run %s (%s)", tp.run_name.c_str(), tp.run_id.substr(0, 8).c_str());
  if (tp.state == TrainState::Failed) error_box("Training failed: " + tp.error);
  if (tp.state == TrainState::Cancelled) ImGui::TextDisabled("Cancelled. The run is kept in Runs with status KILLED.");

  if (tp.result) {
    section_title("Held-out results");
    // The task's own metrics, as the run logged them; the first four large, the rest below.
    size_t shown = 0;
    std::string rest;
    for (const auto& [name, value] : tp.result->metrics) {
      char v[32];
      std::snprintf(v, sizeof v, "%.4f", value);
      if (shown < 4) {
        // Side by side while they fit, else on the next line (never cut at the edge).
        float right = ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x;
        if (shown && ImGui::GetItemRectMax().x + ImGui::GetFontSize() * 9.5f < right) ImGui::SameLine(0, ImGui::GetFontSize() * 2.5f);
        big_metric(name.c_str(), v, metric_help(name));
        ++shown;
      } else {
        rest += (rest.empty() ? "" : ",  ") + name + " " + v;
      }
    }
    if (!rest.empty()) ImGui::TextWrapped("%s", rest.c_str());
    ImGui::TextDisabled("on %zu held-out rows (trained on %zu)", tp.result->test_rows, tp.result->train_rows);
    for (const std::string& hint : result_hints(tp.result->metrics)) ImGui::TextWrapped("Hint: %s", hint.c_str());
  }

  section_title("Loss per step");
  plot::line_chart("loss", {{"train loss", &tp.train_loss, IM_COL32(90, 170, 255, 255)},
                            {"validation loss", &tp.val_loss, IM_COL32(255, 160, 60, 255)}},
                   {"step", "loss (the learner's objective)", 1,
                    std::max(ImGui::GetFontSize() * 12, ImGui::GetContentRegionAvail().y - 4), &tp.steps});
}

}  // namespace lab::app
