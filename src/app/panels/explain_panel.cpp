#include "app/panels/explain_panel.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "app/plot/hbar_chart.hpp"
#include "app/plot/pdp_chart.hpp"
#include "app/plot/palette.hpp"
#include "app/widgets.hpp"
#include "imgui.h"

namespace lab::app {

using nlohmann::json;

namespace {

bool succeeded(const json& reply) { return reply.is_object() && reply.value("ok", false); }

// Colours that say which way a value pushes: orange raises the answer, blue lowers it (the lab's
// ramp, readable with the common colour-vision deficiencies); the words say it too.
unsigned int raises_color() { return plot::ramp_color(1.0); }
unsigned int lowers_color() { return plot::ramp_color(0.0); }

// A value on the answer's scale: probabilities with 3 decimals, other values as people read them.
std::string value_text(double v, bool probability, bool signed_) {
  char buf[48];
  // A tiny change keeps a digit that shows it ("-0.0004", not "-0.000").
  if (probability && signed_ && v != 0 && std::fabs(v) < 0.0005) std::snprintf(buf, sizeof buf, "%+.1e", v);
  else if (probability) std::snprintf(buf, sizeof buf, signed_ ? "%+.3f" : "%.3f", v);
  else return (signed_ && v >= 0 ? "+" : "") + format_number(v);
  return buf;
}

std::string text_of(const json& v) {
  if (v.is_string()) return v.get<std::string>();
  if (v.is_number()) return format_number(v.get<double>());
  if (v.is_null()) return "(missing)";
  return v.dump();
}

// The waterfall shows the largest effects; the rest are folded into one bar so the chart fits.
constexpr size_t kWaterfallBars = 8;

}  // namespace

void ExplainPanel::refresh_explanation(AppContext& ctx) {
  const std::string key = run_id_ + "|" + std::to_string(row_) + "|" + overrides_.dump();
  if (key == explained_key_) return;
  explained_key_ = key;
  json reply = ctx.run({{"cmd", "explain.whatif"}, {"run_id", run_id_}, {"row", row_}, {"overrides", overrides_}}, &error_);
  // A failed request keeps the last explanation on screen beside the error: nothing is lost.
  if (succeeded(reply)) explanation_ = std::move(reply);
  else if (!succeeded(explanation_) || explanation_.value("run_id", "") != run_id_) explanation_ = json();
}

void ExplainPanel::draw_prediction(AppContext& ctx) {
  (void)ctx;
  const json& e = explanation_;
  const bool probability = e.value("answer", "").rfind("probability", 0) == 0;
  const json& prediction = e["prediction"];
  std::string predicted = prediction.is_object() ? text_of(prediction.value("prediction", json())) : text_of(prediction);
  big_metric("prediction", predicted.c_str(), "what the model answers for this row (with your what-if changes)");
  ImGui::SameLine(0, ImGui::GetFontSize() * 1.5f);
  const std::string answer = e.value("answer", "");
  big_metric(answer.c_str(), value_text(e.value("output", 0.0), probability, false).c_str(),
             "on this scale the bars below add up: average answer + every feature's effect = this answer");
  const double base = e.value("base", 0.0);
  if (e.value("method", "") == "lime")
    ImGui::TextWrapped("LIME's starting point (its local model's intercept): %s. Each bar below moves it towards this row's "
                       "answer; the last one is what LIME's straight-line fit misses.",
                       value_text(base, probability, false).c_str());
  else
    ImGui::TextWrapped("Average answer over the training data: %s. Each bar below moves it towards this row's answer.",
                       value_text(base, probability, false).c_str());
  if (e.contains("original") && !overrides_.empty()) {
    const double before = e["original"].value("output", 0.0), now = e.value("output", 0.0);
    const double change = now - before;
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(change >= 0 ? raises_color() : lowers_color()));
    ImGui::TextWrapped("Your changes %s the %s from %s to %s (%s).", change > 0 ? "raise" : change < 0 ? "lower" : "keep",
                       answer.c_str(), value_text(before, probability, false).c_str(), value_text(now, probability, false).c_str(),
                       value_text(change, probability, true).c_str());
    ImGui::PopStyleColor();
  }
  for (const auto& w : e.value("warnings", json::array()))
    ImGui::TextColored(ImVec4(0.95f, 0.75f, 0.3f, 1), "Note: %s", w.get<std::string>().c_str());
}

void ExplainPanel::draw_waterfall() {
  const json& e = explanation_;
  const bool probability = e.value("answer", "").rfind("probability", 0) == 0;
  const double base = e.value("base", 0.0), output = e.value("output", 0.0);
  const json& effects = e["effects"];
  std::vector<plot::HBar> bars;
  double at = base;
  const size_t shown = std::min(effects.size(), kWaterfallBars);
  const auto& sentences = e.value("sentences", json::array());
  for (size_t i = 0; i < shown; ++i) {
    const json& f = effects[i];
    const double step = f.value("step", 0.0);
    plot::HBar b;
    b.label = f.contains("label") ? f.value("label", "") : f.value("feature", "") + " = " + f.value("value", "");
    b.from = at;
    b.to = at + step;
    b.color = step >= 0 ? raises_color() : lowers_color();
    b.value_text = value_text(step, probability, true);
    if (f.contains("sentence")) b.tooltip = f.value("sentence", "");
    else if (i < sentences.size()) b.tooltip = sentences[i].get<std::string>();
    bars.push_back(b);
    at += step;
  }
  if (effects.size() > shown) {
    double rest = 0;
    for (size_t i = shown; i < effects.size(); ++i) rest += effects[i].value("step", 0.0);
    bars.push_back({std::to_string(effects.size() - shown) + " other features", at, at + rest, 0,
                    rest >= 0 ? raises_color() : lowers_color(), value_text(rest, probability, true),
                    "the smaller effects of the remaining features, added together"});
    at += rest;
  }
  bars.push_back({"answer for this row", base, output, 0, ImGui::GetColorU32(ImGuiCol_TextDisabled),
                  value_text(output, probability, false), "average answer plus every effect above"});
  plot::HBarOptions opt;
  opt.x_label = e.value("answer", "").c_str();
  opt.marker = base;
  const std::string x_label = e.value("answer", "");
  opt.x_label = x_label.c_str();
  plot::hbar_chart("waterfall", bars, opt);
  // The key, in words as well as colours.
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const float fh = ImGui::GetFontSize();
  for (int k = 0; k < 2; ++k) {
    if (k) ImGui::SameLine(0, fh);
    const ImVec2 p = ImGui::GetCursorScreenPos();
    dl->AddRectFilled(ImVec2(p.x, p.y + fh * 0.2f), ImVec2(p.x + fh * 0.8f, p.y + fh), k ? lowers_color() : raises_color());
    ImGui::Dummy(ImVec2(fh, fh));
    ImGui::SameLine(0, fh * 0.3f);
    ImGui::TextUnformatted(k ? "lowers the answer" : "raises the answer");
  }
  same_line_if_fits(ImGui::CalcTextSize("line: the average answer").x, fh);
  ImGui::TextDisabled("line: the average answer");
  const std::string method = e.value("method", "");
  // Wrapped: the column is narrow at 800 px and clipped sentences read as nonsense.
  ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
  ImGui::TextWrapped("%s", method == "shap" ? "Method: exact TreeSHAP (every order of the features, averaged, computed from the trees)"
                           : method == "linear" ? "Method: the model's own terms (coefficient x standardised value)"
                           : method == "lime"   ? ("Method: LIME, because " + e.value("note", std::string("this model has no exact explanation"))).c_str()
                                                : ("Method: " + method).c_str());
  ImGui::PopStyleColor();
  for (size_t i = 0; i < sentences.size() && i < 3; ++i) {
    ImGui::Bullet();
    ImGui::TextWrapped("%s", sentences[i].get<std::string>().c_str());
  }
}

// One widget per input field: a dropdown of the known categories, or a slider over the
// contract's plausible range beside a number field for typing an exact value.
void ExplainPanel::draw_what_if(float width) {
  const json& fields = explanation_.value("fields", json::array());
  const json& original = explanation_["original_record"];
  const float fh = ImGui::GetFontSize(), sp = ImGui::GetStyle().ItemSpacing.x;
  float label_w = 0;
  for (const auto& f : fields) label_w = std::max(label_w, ImGui::CalcTextSize(f.value("name", "").c_str()).x);
  const float input_w = fh * 5.5f;
  const float widget_w = std::max(fh * 6, width - label_w - sp * 2);
  const float slider_w = widget_w - input_w - sp;
  for (const auto& f : fields) {
    const std::string name = f.value("name", "");
    const json& was = original.is_object() ? original.value(name, json()) : json();
    const json now = overrides_.contains(name) ? overrides_[name] : was;
    const bool changed = overrides_.contains(name);
    ImGui::PushID(name.c_str());
    if (changed) ImGui::PushStyleColor(ImGuiCol_FrameBg, ImVec4(0.45f, 0.33f, 0.12f, 1));
    json chosen;
    const std::string type = f.value("type", "number");
    if (type == "category") {
      ImGui::SetNextItemWidth(widget_w);
      const std::string current = text_of(now);
      if (begin_combo(name.c_str(), current.c_str())) {
        for (const auto& c : f.value("categories", json::array()))
          if (ImGui::Selectable(c.get<std::string>().c_str(), c.get<std::string>() == current)) chosen = c;
        ImGui::EndCombo();
      }
    } else {
      double v = now.is_number() ? now.get<double>() : 0.0;
      const double lo = f.value("min", v), hi = f.value("max", v);
      if (slider_w >= fh * 4 && hi > lo) {
        float s = float(v);
        ImGui::SetNextItemWidth(slider_w);
        if (ImGui::SliderFloat("##slide", &s, float(lo), float(hi), type == "integer" ? "%.0f" : "%.3g"))
          chosen = type == "integer" ? json(std::round(double(s))) : json(double(s));
        ImGui::SameLine(0, sp);
      }
      ImGui::SetNextItemWidth(slider_w >= fh * 4 && hi > lo ? input_w : widget_w);
      if (ImGui::InputDouble(name.c_str(), &v, 0, 0, type == "integer" ? "%.0f" : "%.6g"))
        chosen = type == "integer" ? json(std::round(v)) : json(v);
    }
    if (changed) ImGui::PopStyleColor();
    if (changed && ImGui::IsItemHovered())
      ImGui::SetTooltip("%s was %s in this row; you changed it (Undo what-if changes puts it back)", name.c_str(),
                        text_of(was).c_str());
    if (!chosen.is_null()) {
      if (chosen == was) overrides_.erase(name);
      else overrides_[name] = chosen;
    }
    ImGui::PopID();
  }
}

// LIME beside the exact explanation, on request (5000 model calls): its conditions' weights and
// how faithful its local model is, so a participant sees where the two agree.
void ExplainPanel::draw_lime(AppContext& ctx) {
  if (explanation_.value("method", "") == "lime") return;  // the waterfall above is LIME's already
  const bool current = succeeded(lime_) && lime_key_ == explained_key_;
  if (ImGui::Button(current ? "Compare with LIME again" : "Compare with LIME")) {
    lime_ = ctx.run({{"cmd", "explain.whatif"}, {"run_id", run_id_}, {"row", row_}, {"overrides", overrides_},
                     {"method", "lime"}, {"seed", 0}},
                    &lime_error_);
    lime_key_ = explained_key_;
  }
  help_marker("LIME asks the model about 5000 made-up rows near this one and fits a weighted straight-line model to "
              "the answers. Its weights say how being in this row's range (or category) of a column moves the answer "
              "nearby. Fidelity says how well that line fits (1 = perfectly).");
  error_box(lime_error_);
  if (!succeeded(lime_) || lime_key_ != explained_key_) return;
  const bool probability = lime_.value("answer", "").rfind("probability", 0) == 0;
  ImGui::TextWrapped("LIME's local model answers %s for this row (the model: %s); fidelity R^2 %.2f.",
                     value_text(lime_.value("local_pred", 0.0), probability, false).c_str(),
                     value_text(lime_.value("model_output", 0.0), probability, false).c_str(), lime_.value("score", 0.0));
  std::vector<plot::HBar> bars;
  const auto& sentences = lime_.value("sentences", json::array());
  size_t i = 0;
  for (const auto& f : lime_["features"]) {
    const double w = f.value("weight", 0.0);
    bars.push_back({f.value("condition", ""), 0, w, 0, w >= 0 ? raises_color() : lowers_color(), value_text(w, probability, true),
                    i < sentences.size() ? sentences[i].get<std::string>() : ""});
    ++i;
  }
  plot::HBarOptions opt;
  opt.x_label = "LIME weight (change in the answer)";
  plot::hbar_chart("lime", bars, opt);
}

// Partial dependence of one column: pick it, and the chart shows how the average answer (and
// each single row's) moves as that column alone changes.
void ExplainPanel::draw_pdp(AppContext& ctx) {
  std::vector<std::string> names;
  for (const auto& f : explanation_.value("fields", json::array())) names.push_back(f.value("name", ""));
  if (names.empty()) return;
  if (std::find(names.begin(), names.end(), pdp_feature_) == names.end()) {
    // Start on the column with the largest effect in this row's waterfall: the one worth a look.
    pdp_feature_ = names.front();
    for (const auto& e : explanation_.value("effects", json::array()))
      if (std::find(names.begin(), names.end(), e.value("feature", "")) != names.end()) {
        pdp_feature_ = e.value("feature", "");
        break;
      }
  }
  const float fh = ImGui::GetFontSize();
  ImGui::SetNextItemWidth(fh * 14);
  if (begin_combo("feature", pdp_feature_.c_str())) {
    for (const auto& n : names)
      if (ImGui::Selectable(n.c_str(), n == pdp_feature_)) pdp_feature_ = n;
    ImGui::EndCombo();
  }
  help_marker("Partial dependence: every held-out row is asked again with this column set to each value along the "
              "axis, everything else kept; the thick line is the average answer, the thin lines single rows (ICE). "
              "Flat means the model hardly uses the column; lines that cross mean its effect depends on the rest of "
              "the row. Numbers run from their 5th to 95th percentile; the ticks at the bottom are the rows' values.");
  const std::string key = run_id_ + "|" + pdp_feature_;
  if (key != pdp_key_) {
    pdp_key_ = key;
    json reply = ctx.run({{"cmd", "explain.pdp"}, {"run_id", run_id_}, {"feature", pdp_feature_}}, &pdp_error_);
    pdp_ = succeeded(reply) ? std::move(reply) : json();
  }
  error_box(pdp_error_);
  if (!succeeded(pdp_)) return;
  ImGui::TextWrapped("%s.", pdp_.value("summary", "").c_str());
  plot::PdpChartData d;
  d.categorical = pdp_.value("kind", "") == "category";
  d.average = pdp_["average"].get<std::vector<double>>();
  if (d.categorical) {
    d.categories = pdp_["categories"].get<std::vector<std::string>>();
    d.rug_counts = pdp_["rug_counts"].get<std::vector<double>>();
  } else {
    d.grid = pdp_["grid"].get<std::vector<double>>();
    d.rug = pdp_["rug"].get<std::vector<double>>();
  }
  for (const auto& line : pdp_["ice"]) d.ice.push_back(line["answers"].get<std::vector<double>>());
  const std::string answer = pdp_.value("answer", "");
  const float height = std::clamp(ImGui::GetContentRegionAvail().y - fh * 0.5f, fh * 12, fh * 30);
  plot::pdp_chart("pdp", d, pdp_feature_.c_str(), answer.c_str(), height);
}

void ExplainPanel::draw_importance(AppContext& ctx) {
  const bool computed = succeeded(importance_) && importance_run_ == run_id_;
  if (ImGui::Button(computed ? "Rank features again" : "Rank features")) {
    importance_ = ctx.run({{"cmd", "explain.importance"}, {"run_id", run_id_}, {"repeats", 5}, {"seed", 0}}, &importance_error_);
    importance_run_ = run_id_;
  }
  help_marker("Shuffles one feature's values across the held-out rows (5 times, seeded) and measures how much the "
              "run's main metric drops. A feature the model relies on makes it drop a lot; one it ignores, not at all. "
              "Correlated features share the credit, so each may look small.");
  error_box(importance_error_);
  if (!computed) {
    ImGui::TextDisabled("Press Rank features to see which features this model leans on.");
    return;
  }
  const std::string metric = importance_.value("metric", "");
  ImGui::TextWrapped("Drop in %s (%s with nothing shuffled) on %d held-out rows when one feature is shuffled; the whisker "
                     "is the spread over 5 shuffles.",
                     metric.c_str(), value_text(importance_.value("baseline", 0.0), true, false).c_str(),
                     importance_.value("rows", 0));
  std::vector<plot::HBar> bars;
  for (const auto& f : importance_["features"]) {
    const double mean = f.value("mean", 0.0), sd = f.value("std", 0.0);
    plot::HBar b;
    b.label = f.value("feature", "");
    b.to = mean;
    b.spread = sd;
    b.color = plot::series_color(0);
    b.value_text = value_text(mean, true, false) + " +- " + value_text(sd, true, false);
    if (f.contains("mean_abs_shap"))
      b.tooltip = b.label + ": " + metric + " drops by " + b.value_text + "; mean |TreeSHAP| " +
                  value_text(f.value("mean_abs_shap", 0.0), true, false);
    bars.push_back(b);
  }
  plot::HBarOptions opt;
  const std::string x_label = "drop in " + metric + " when shuffled";
  opt.x_label = x_label.c_str();
  opt.marker = 0;
  plot::hbar_chart("importance", bars, opt);
}

void ExplainPanel::attach(AppContext& ctx) {
  ctx.dispatcher.add("ui.explain",
                     "Explain panel state: {run_id?, row?} (select as the run dropdown and row field do) -> run_id, row, "
                     "what-if overrides, the answer shown and its error",
                     [this](const json& a) {
                       if (a.contains("run_id")) run_id_ = a["run_id"].get<std::string>();
                       if (a.contains("row")) row_ = a["row"].get<int>();
                       if (a.contains("run_id") || a.contains("row")) overrides_ = json::object();
                       json out = {{"run_id", run_id_}, {"row", row_}, {"overrides", overrides_}, {"error", error_}};
                       if (succeeded(explanation_))
                         for (const char* k : {"answer", "output", "base", "prediction", "method", "effects", "record"})
                           out[k] = explanation_[k];
                       if (succeeded(importance_) && importance_run_ == run_id_) out["importance"] = importance_["features"];
                       if (succeeded(lime_) && lime_key_ == explained_key_) out["lime"] = lime_;
                       if (succeeded(pdp_) && pdp_key_ == run_id_ + "|" + pdp_feature_) out["pdp"] = pdp_;
                       if (!pdp_error_.empty()) out["pdp_error"] = pdp_error_;
                       return out;
                     });
}

void ExplainPanel::draw(AppContext& ctx) {
  ImGui::TextWrapped("Why does the model answer what it answers? Take a held-out row apart, change it, see the answer move.");
  std::vector<const Run*> finished;
  for (const auto& r : ctx.session.runs())
    if (r.info.status == RunStatus::Finished) finished.push_back(&r);
  if (finished.empty()) {
    ImGui::TextDisabled("No finished runs yet: train a model in Train first.");
    return;
  }
  // The run just trained is the one a participant wants explained: a newly finished run is
  // selected; otherwise the selection stays (or the newest run, when it is gone).
  const bool first_look = seen_runs_.empty();
  for (const Run* r : finished)
    if (seen_runs_.insert(r->info.run_id).second && !first_look) {
      run_id_ = r->info.run_id;
      row_ = 0;
      overrides_ = json::object();
    }
  const Run* sel = nullptr;
  for (const Run* r : finished)
    if (r->info.run_id == run_id_) sel = r;
  if (!sel) {
    sel = finished.front();
    run_id_ = sel->info.run_id;
  }

  const float fh = ImGui::GetFontSize();
  ImGui::SetNextItemWidth(fh * 16);
  if (begin_combo("run", sel->info.run_name.c_str())) {
    for (const Run* r : finished)
      if (ImGui::Selectable(r->info.run_name.c_str(), r == sel) && r->info.run_id != run_id_) {
        run_id_ = r->info.run_id;
        overrides_ = json::object();
        row_ = 0;
      }
    ImGui::EndCombo();
  }
  refresh_explanation(ctx);
  error_box(error_);
  if (!succeeded(explanation_)) return;

  if (ImGui::BeginTabBar("explain_views")) {
    if (ImGui::BeginTabItem("One prediction")) {
      const int rows = explanation_.value("rows", 0);
      ImGui::SetNextItemWidth(fh * 7);
      int row = row_;
      if (input_int("held-out row", &row, 1, 10)) {
        row_ = std::clamp(row, 0, std::max(0, rows - 1));
        overrides_ = json::object();  // a what-if belongs to its row
      }
      ImGui::SameLine();
      ImGui::TextDisabled("of %d (0 to %d)", rows, std::max(0, rows - 1));
      if (!overrides_.empty()) {
        ImGui::SameLine();
        if (ImGui::Button("Undo what-if changes")) overrides_ = json::object();
      }
      const float avail = ImGui::GetContentRegionAvail().x;
      const bool side_by_side = avail >= fh * 34;
      if (side_by_side && ImGui::BeginTable("prediction_layout", 2, ImGuiTableFlags_SizingStretchProp)) {
        ImGui::TableSetupColumn("what-if", ImGuiTableColumnFlags_WidthStretch, 0.42f);
        ImGui::TableSetupColumn("explanation", ImGuiTableColumnFlags_WidthStretch, 0.58f);
        ImGui::TableNextColumn();
        section_title("What if? Change this row");
        draw_what_if(ImGui::GetContentRegionAvail().x);
        ImGui::TableNextColumn();
        section_title("The prediction, feature by feature");
        draw_prediction(ctx);
        draw_waterfall();
        draw_lime(ctx);
        ImGui::EndTable();
      } else if (!side_by_side) {
        section_title("The prediction, feature by feature");
        draw_prediction(ctx);
        draw_waterfall();
        draw_lime(ctx);
        section_title("What if? Change this row");
        draw_what_if(ImGui::GetContentRegionAvail().x);
      }
      ImGui::EndTabItem();
    }
    if (ImGui::BeginTabItem("Which features matter")) {
      draw_importance(ctx);
      ImGui::EndTabItem();
    }
    if (ImGui::BeginTabItem("Partial dependence")) {
      draw_pdp(ctx);
      ImGui::EndTabItem();
    }
    ImGui::EndTabBar();
  }
}

}  // namespace lab::app
