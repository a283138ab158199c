#include "app/panels/evaluate_panel.hpp"

#include <algorithm>
#include <cstdio>

#include "app/plot/class_scatter.hpp"
#include "app/plot/curve_chart.hpp"
#include "app/plot/palette.hpp"
#include "app/widgets.hpp"
#include "core/eval/confusion_summary.hpp"
#include "imgui.h"

namespace lab::app {

using nlohmann::json;

namespace {
std::vector<double> numbers(const json& j) {
  std::vector<double> out;
  for (const auto& v : j) out.push_back(v.is_number() ? v.get<double>() : std::nan(""));
  return out;
}

std::string num(const json& v, const char* fmt = "%.4f") {
  if (!v.is_number()) return "-";
  char buf[32];
  std::snprintf(buf, sizeof buf, fmt, v.get<double>());
  return buf;
}

// A command reply that succeeded. (json::value() throws on a null document, i.e. before the
// first reply arrives, so check the type first.)
bool succeeded(const json& reply) { return reply.is_object() && reply.value("ok", false); }

// One cell of the confusion matrix: the count large, what it means small.
// The classes are named as Explore names them ("declined (0)"), so a cell reads as what it means.
// Long class names wrap inside the cell; every cell is as tall as the one with the most lines.
float confusion_detail_height(const std::string& actual, const std::string& predicted, float cell_w) {
  const float wrap = cell_w - 2 * ImGui::GetStyle().WindowPadding.x;
  return ImGui::CalcTextSize(("actual: " + actual).c_str(), nullptr, false, wrap).y +
         ImGui::CalcTextSize(("predicted: " + predicted).c_str(), nullptr, false, wrap).y;
}

void confusion_cell(const char* kind, const std::string& actual, const std::string& predicted, long count, ImVec4 tint,
                    float w, float h) {
  ImGui::PushStyleColor(ImGuiCol_ChildBg, tint);
  ImGui::BeginChild(kind, ImVec2(w, h), true, ImGuiWindowFlags_NoScrollbar);
  ImGui::SetWindowFontScale(1.4f);
  ImGui::Text("%ld", count);
  ImGui::SetWindowFontScale(1.0f);
  ImGui::TextUnformatted(kind);
  ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
  ImGui::TextWrapped("actual: %s", actual.c_str());
  ImGui::TextWrapped("predicted: %s", predicted.c_str());
  ImGui::PopStyleColor();
  ImGui::EndChild();
  ImGui::PopStyleColor();
}
}  // namespace

void EvaluatePanel::draw_binary(AppContext& ctx) {
  float fh = ImGui::GetFontSize();
  float left_w = std::max(fh * 24, ImGui::GetContentRegionAvail().x * 0.42f);
  ImGui::BeginChild("decision", ImVec2(left_w, fh * 42));
  section_title("Decision threshold and costs");
  ImGui::PushItemWidth(fh * 12);
  ImGui::SliderFloat("threshold", &threshold_, 0.0f, 1.0f, "%.3f");
  help_marker("Rows with a predicted probability at or above the threshold are called positive. Drag it and "
              "watch precision, recall and the confusion matrix move.");
  ImGui::InputFloat("cost of a false positive", &cost_fp_, 0.5f, 5.0f, "%.2f");
  help_marker("e.g. approving a loan that is not repaid.");
  ImGui::InputFloat("cost of a false negative", &cost_fn_, 0.5f, 5.0f, "%.2f");
  help_marker("e.g. declining a customer who would have repaid.");
  ImGui::PopItemWidth();
  cost_fp_ = std::max(0.0f, cost_fp_);
  cost_fn_ = std::max(0.0f, cost_fn_);

  const json& at = eval_["at_threshold"];
  const json& c = at["confusion"];
  flow_text({"accuracy " + num(at["accuracy"]), "precision " + num(at["precision"]), "recall " + num(at["recall"]),
             "F1 " + num(at["f1"])});
  const std::vector<std::string>& names = class_labels_;
  std::string neg = names.size() > 0 ? names[0] : "0", pos = names.size() > 1 ? names[1] : "1";
  float cell = (ImGui::GetContentRegionAvail().x - ImGui::GetStyle().ItemSpacing.x) / 2;
  ImGui::TextDisabled("rows: actual class; columns: predicted class");
  const ImVec4 right(0.15f, 0.35f, 0.2f, 1), wrong(0.4f, 0.18f, 0.16f, 1);
  const ImGuiStyle& style = ImGui::GetStyle();
  float detail_h = 0;
  for (const std::string* a : {&neg, &pos})
    for (const std::string* p : {&neg, &pos}) detail_h = std::max(detail_h, confusion_detail_height(*a, *p, cell));
  const float cell_h = ImGui::GetFontSize() * 2.4f + detail_h + 4 * style.ItemSpacing.y + 2 * style.WindowPadding.y;
  confusion_cell("true negatives", neg, neg, c.value("tn", 0L), right, cell, cell_h);
  ImGui::SameLine();
  confusion_cell("false positives", neg, pos, c.value("fp", 0L), wrong, cell, cell_h);
  confusion_cell("false negatives", pos, neg, c.value("fn", 0L), wrong, cell, cell_h);
  ImGui::SameLine();
  confusion_cell("true positives", pos, pos, c.value("tp", 0L), right, cell, cell_h);

  const json& best = eval_["best_cost"];
  ImGui::Text("cost at this threshold: %s", num(at["cost"], "%.1f").c_str());
  std::string best_t = best["threshold"].is_number() ? num(best["threshold"], "%.3f") : best["threshold"].get<std::string>();
  ImGui::TextWrapped("cheapest threshold for these costs: %s (total cost %s, %s per row)", best_t.c_str(),
                     num(best["cost"], "%.1f").c_str(), num(best["cost_per_row"], "%.3f").c_str());
  if (best["threshold"].is_number() && ImGui::Button("Use the cheapest threshold")) threshold_ = best["threshold"].get<float>();
  ImGui::EndChild();

  ImGui::SameLine();
  ImGui::BeginChild("curves", ImVec2(0, fh * 42));
  const json& cf = eval_["at_threshold"]["confusion"];
  double tn = cf.value("tn", 0.0), fp = cf.value("fp", 0.0), fn = cf.value("fn", 0.0), tp = cf.value("tp", 0.0);
  float chart_h = fh * 13.5f;
  section_title(("ROC curve (AUC " + num(eval_["metrics"]["roc_auc"], "%.3f") + ")").c_str());
  plot::curve_chart("roc", {{"ROC", &roc_x_, &roc_y_, plot::series_color(0)}},
                    {"false positive rate", "true positive rate", true, fp + tn > 0 ? fp / (fp + tn) : -1,
                     tp + fn > 0 ? tp / (tp + fn) : -1, chart_h});
  section_title(("Precision-recall (average precision " + num(eval_["metrics"]["pr_auc"], "%.3f") + ")").c_str());
  plot::curve_chart("pr", {{"PR", &pr_x_, &pr_y_, plot::series_color(1)}},
                    {"recall", "precision", false, tp + fn > 0 ? tp / (tp + fn) : -1, tp + fp > 0 ? tp / (tp + fp) : -1, chart_h});
  ImGui::EndChild();

  section_title("Calibration: do predicted probabilities match observed frequencies?");
  plot::curve_chart("calibration", {{"model", &cal_x_, &cal_y_, plot::series_color(2), true}},
                    {"mean predicted probability (per bin)", "share of positives", true, -1, -1, fh * 12});
}

void EvaluatePanel::draw_multiclass() {
  const std::vector<std::string>& names = class_labels_;
  const json& m = eval_["confusion"];
  if (!m.is_array() || names.empty() || m.size() != names.size()) return;
  std::vector<std::vector<size_t>> counts;
  for (const auto& row : m) counts.push_back(row.get<std::vector<size_t>>());
  // More classes than this: the largest ones plus "other" (a 100 x 100 grid is unreadable, and
  // ImGui 1.86 tables stop at 64 columns).
  const size_t kMaxMatrixClasses = 15;
  const ConfusionSummary s = summarise_confusion(counts, kMaxMatrixClasses);
  if (s.other_classes)
    section_title(("Confusion matrix of the " + std::to_string(s.shown.size()) + " largest of " +
                   std::to_string(names.size()) + " classes (rows: actual, columns: predicted)").c_str());
  else
    section_title("Confusion matrix (rows: actual, columns: predicted)");
  if (s.other_classes)
    ImGui::TextDisabled("\"other\" holds the %zu smaller classes; every class is in the table below.", s.other_classes);
  const std::string other = "other (" + std::to_string(s.other_classes) + ")";
  auto label = [&](size_t i) { return i < s.shown.size() ? names[s.shown[i]] : other; };
  const size_t side = s.matrix.size();
  const ImGuiStyle& style = ImGui::GetStyle();
  const float row_h = ImGui::GetTextLineHeight() + 2 * style.CellPadding.y;
  // Every row shown; the height leaves room for the horizontal scrollbar narrow windows need.
  if (ImGui::BeginTable("confusion", int(side) + 1,
                        ImGuiTableFlags_Borders | ImGuiTableFlags_SizingFixedFit | ImGuiTableFlags_ScrollX,
                        ImVec2(0, row_h * float(side + 1) + style.ScrollbarSize + 2))) {
    ImGui::TableSetupScrollFreeze(1, 1);
    ImGui::TableSetupColumn("actual \\ predicted");
    for (size_t c = 0; c < side; ++c) ImGui::TableSetupColumn(label(c).c_str());
    ImGui::TableHeadersRow();
    for (size_t r = 0; r < side; ++r) {
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(label(r).c_str());
      for (size_t c = 0; c < side; ++c) {
        ImGui::TableNextColumn();
        if (r == c && r < s.shown.size()) ImGui::TextColored(ImVec4(0.5f, 0.85f, 0.5f, 1), "%zu", s.matrix[r][c]);
        else ImGui::Text("%zu", s.matrix[r][c]);
      }
    }
    ImGui::EndTable();
  }
  draw_per_class(names, s);
}

// Every class, most rows first: how often it is right, and what it is mistaken for.
void EvaluatePanel::draw_per_class(const std::vector<std::string>& names, const ConfusionSummary& s) {
  section_title("Per class (most rows first)");
  const float row_h = ImGui::GetTextLineHeight() + 2 * ImGui::GetStyle().CellPadding.y;
  const float height = row_h * float(std::min<size_t>(s.per_class.size(), 12) + 1) + 2;  // 12 rows, then it scrolls
  const ImGuiTableFlags flags = ImGuiTableFlags_Borders | ImGuiTableFlags_RowBg | ImGuiTableFlags_ScrollY |
                                ImGuiTableFlags_SizingStretchProp;
  if (!ImGui::BeginTable("per class", 6, flags, ImVec2(0, height))) return;
  ImGui::TableSetupScrollFreeze(0, 1);
  ImGui::TableSetupColumn("class", 0, 2.0f);
  ImGui::TableSetupColumn("test rows", 0, 1.0f);
  ImGui::TableSetupColumn("predicted", 0, 1.0f);
  ImGui::TableSetupColumn("recall", 0, 1.0f);
  ImGui::TableSetupColumn("precision", 0, 1.0f);
  ImGui::TableSetupColumn("most often mistaken for", 0, 2.5f);
  ImGui::TableHeadersRow();
  ImGuiListClipper clipper;
  clipper.Begin(int(s.per_class.size()));
  while (clipper.Step())
    for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
      const ClassSummary& c = s.per_class[size_t(i)];
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(names[c.cls].c_str());
      ImGui::TableNextColumn();
      ImGui::Text("%zu", c.rows);
      ImGui::TableNextColumn();
      ImGui::Text("%zu", c.predicted);
      ImGui::TableNextColumn();
      if (c.rows) ImGui::Text("%.3f", c.recall); else ImGui::TextDisabled("-");
      ImGui::TableNextColumn();
      if (c.predicted) ImGui::Text("%.3f", c.precision); else ImGui::TextDisabled("-");
      ImGui::TableNextColumn();
      if (c.confused_with >= 0) ImGui::Text("%s (%zu rows)", names[size_t(c.confused_with)].c_str(), c.confused_count);
      else ImGui::TextDisabled("never mistaken");
    }
  ImGui::EndTable();
}

void EvaluatePanel::draw_regression() {
  float fh = ImGui::GetFontSize();
  float half = (ImGui::GetContentRegionAvail().x - ImGui::GetStyle().ItemSpacing.x) * 0.5f;
  ImGui::BeginChild("pva", ImVec2(half, fh * 18));
  section_title("Predicted vs actual");
  plot::class_scatter("pva", actual_, predicted_, {}, {}, "actual", "predicted", fh * 15);
  ImGui::EndChild();
  ImGui::SameLine();
  ImGui::BeginChild("res", ImVec2(0, fh * 18));
  section_title("Residuals (actual - predicted) vs predicted");
  plot::class_scatter("res", predicted_, residual_, {}, {}, "predicted", "residual", fh * 15);
  ImGui::EndChild();
}

void EvaluatePanel::draw_compare_and_champion(AppContext& ctx, const std::vector<const Run*>& runs) {
  section_title("Champion vs challenger");
  ImGui::PushItemWidth(ImGui::GetFontSize() * 16);
  const Run* other = nullptr;
  for (const Run* r : runs)
    if (r->info.run_id == other_run_id_) other = r;
  if (begin_combo("compare with", other ? other->info.run_name.c_str() : "(choose a run)")) {
    for (const Run* r : runs)
      if (r->info.run_id != run_id_ && ImGui::Selectable(r->info.run_name.c_str(), r->info.run_id == other_run_id_)) {
        other_run_id_ = r->info.run_id;
        compare_ = ctx.run({{"cmd", "eval.compare"}, {"run_a", run_id_}, {"run_b", other_run_id_}}, &error_);
      }
    ImGui::EndCombo();
  }
  ImGui::PopItemWidth();
  if (succeeded(compare_) && compare_["a"]["run_id"] == run_id_) {
    ImGui::TextWrapped("%s", compare_["note"].get<std::string>().c_str());
    if (ImGui::BeginTable("compare", 4, ImGuiTableFlags_Borders | ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingFixedFit)) {
      ImGui::TableSetupColumn("metric");
      ImGui::TableSetupColumn(compare_["a"]["run_name"].get<std::string>().c_str());
      ImGui::TableSetupColumn(compare_["b"]["run_name"].get<std::string>().c_str());
      ImGui::TableSetupColumn("difference (b - a)");
      ImGui::TableHeadersRow();
      for (auto it = compare_["a"]["metrics"].begin(); it != compare_["a"]["metrics"].end(); ++it) {
        ImGui::TableNextRow();
        ImGui::TableNextColumn(); ImGui::TextUnformatted(it.key().c_str());
        ImGui::TableNextColumn(); ImGui::TextUnformatted(num(it.value()).c_str());
        ImGui::TableNextColumn(); ImGui::TextUnformatted(num(compare_["b"]["metrics"].value(it.key(), json())).c_str());
        ImGui::TableNextColumn(); ImGui::TextUnformatted(num(compare_["delta_b_minus_a"].value(it.key(), json()), "%+.4f").c_str());
      }
      ImGui::EndTable();
    }
  }

  section_title("Select the champion by a metric");
  static const char* metrics[] = {"roc_auc", "pr_auc", "f1", "accuracy", "log_loss", "macro_f1", "rmse", "mae", "r2"};
  ImGui::PushItemWidth(ImGui::GetFontSize() * 10);
  if (begin_combo("metric", metrics[champion_metric_])) {
    for (int i = 0; i < int(IM_ARRAYSIZE(metrics)); ++i)
      if (ImGui::Selectable(metrics[i], i == champion_metric_)) champion_metric_ = i;
    ImGui::EndCombo();
  }
  ImGui::PopItemWidth();
  ImGui::SameLine();
  if (ImGui::Button("Select champion"))
    champion_ = ctx.run({{"cmd", "eval.select_champion"}, {"metric", metrics[champion_metric_]}}, &error_);
  if (succeeded(champion_)) ImGui::TextWrapped("%s", champion_["explanation"].get<std::string>().c_str());
}

void EvaluatePanel::draw(AppContext& ctx) {
  ImGui::TextWrapped("Accuracy alone hides the trade-offs. Pick a run, move the decision threshold, put a price on each "
                     "kind of mistake, and compare it with a challenger on the same held-out rows.");
  std::vector<const Run*> finished;
  for (const auto& r : ctx.session.runs())
    if (r.info.status == RunStatus::Finished) finished.push_back(&r);
  if (finished.empty()) {
    ImGui::TextDisabled("No finished runs yet: train a model first.");
    return;
  }
  const Run* sel = nullptr;
  for (const Run* r : finished)
    if (r->info.run_id == run_id_) sel = r;
  if (!sel) { sel = finished.front(); run_id_ = sel->info.run_id; }
  ImGui::PushItemWidth(ImGui::GetFontSize() * 16);
  if (begin_combo("run", sel->info.run_name.c_str())) {
    for (const Run* r : finished)
      if (ImGui::Selectable(r->info.run_name.c_str(), r == sel)) run_id_ = r->info.run_id;
    ImGui::EndCombo();
  }
  ImGui::PopItemWidth();

  // A new run (or store change) reloads everything; a moved threshold or cost only asks for what
  // they change (curves: false), and the session keeps the run's parsed predictions meanwhile.
  char key[160];
  std::snprintf(key, sizeof key, "%s|%.4f|%.3f|%.3f", run_id_.c_str(), threshold_, cost_fp_, cost_fn_);
  if (evaluated_key_ != key) {
    const bool new_run = evaluated_run_ != run_id_ || !succeeded(eval_);
    evaluated_key_ = key;
    evaluated_run_ = run_id_;
    json cmd = {{"cmd", "eval.run"}, {"run_id", run_id_}, {"threshold", double(threshold_)}, {"cost_fp", double(cost_fp_)},
                {"cost_fn", double(cost_fn_)}};
    if (!new_run) {
      cmd["curves"] = false;
      json part = ctx.run(cmd, &error_);
      if (succeeded(part))
        for (const char* k : {"threshold", "at_threshold", "best_cost"})
          if (part.contains(k)) eval_[k] = part[k];
    } else {
      eval_ = ctx.run(cmd, &error_);
    }
    if (new_run && succeeded(eval_)) {
      // Only binary tasks have curves: a missing section is an empty chart (operator[] would
      // insert a null, and value() on null throws: regression and multi-class runs broke here).
      auto curve = [this](const char* section, const char* field) {
        auto it = eval_.find(section);
        return it != eval_.end() && it->is_object() ? numbers(it->value(field, json::array())) : std::vector<double>{};
      };
      roc_x_ = curve("roc", "fpr");
      roc_y_ = curve("roc", "tpr");
      pr_x_ = curve("pr", "recall");
      pr_y_ = curve("pr", "precision");
      cal_x_ = curve("calibration", "prob_pred");
      cal_y_ = curve("calibration", "prob_true");
      class_labels_ = class_display_names(eval_.value("target_description", std::string()),
                                          eval_.value("class_names", std::vector<std::string>{}));
      actual_ = numbers(eval_.value("actual", json::array()));
      predicted_ = numbers(eval_.value("predicted", json::array()));
      residual_.clear();
      for (size_t i = 0; i < actual_.size() && i < predicted_.size(); ++i) residual_.push_back(actual_[i] - predicted_[i]);
    }
  }
  error_box(error_);
  if (!succeeded(eval_)) return;
  std::string task = eval_["task"].get<std::string>();
  std::vector<std::string> pieces = {task + " task, " + std::to_string(eval_["test_rows"].get<int>()) + " held-out rows:"};
  for (auto it = eval_["metrics"].begin(); it != eval_["metrics"].end(); ++it) pieces.push_back(it.key() + " " + num(it.value()));
  flow_text(pieces);
  if (task == "binary") draw_binary(ctx);
  else if (task == "multiclass") draw_multiclass();
  else draw_regression();
  draw_compare_and_champion(ctx, finished);
}

}  // namespace lab::app
