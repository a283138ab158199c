#include "app/panels/registry_panel.hpp"

#include <cstdio>

#include "app/labelled_widgets.hpp"
#include "app/widgets.hpp"
#include "imgui.h"

namespace lab::app {

namespace {
std::string aliases_of(const RegisteredModel& m, int version) {
  std::string out;
  for (const auto& [a, v] : m.aliases)
    if (v == version) out += (out.empty() ? "@" : ", @") + a;
  return out;
}

// Items laid out left to right, each kept whole: a line breaks between items, never inside a
// value such as "roc_auc = 0.8123".
void flow_items(const std::vector<std::string>& items) {
  float right = ImGui::GetContentRegionAvail().x + ImGui::GetCursorScreenPos().x;
  float gap = ImGui::GetFontSize() * 1.2f;
  for (size_t i = 0; i < items.size(); ++i) {
    float w = ImGui::CalcTextSize(items[i].c_str()).x;
    if (i > 0) {
      float x = ImGui::GetItemRectMax().x + gap;
      if (x + w <= right) ImGui::SameLine(0, gap);
    }
    ImGui::TextUnformatted(items[i].c_str());
  }
}

bool input_multiline(const char* label, std::string& s, float height) {
  char buf[2048];
  std::snprintf(buf, sizeof buf, "%s", s.c_str());
  bool changed = ImGui::InputTextMultiline(label, buf, sizeof buf, ImVec2(-1, height));
  if (changed) s = buf;
  return changed;
}
}  // namespace

void RegistryPanel::draw_register(AppContext& ctx) {
  section_title("Register a run's model");
  std::vector<const Run*> finished;
  for (const auto& r : ctx.session.runs())
    if (r.info.status == RunStatus::Finished) finished.push_back(&r);
  if (finished.empty()) {
    ImGui::TextDisabled("No finished runs yet: train a model first.");
    return;
  }
  if (register_run_ >= int(finished.size())) register_run_ = 0;
  auto run_label = [](const Run& r) {
    const MetricPoint* auc = r.latest("roc_auc");
    char buf[160];
    std::snprintf(buf, sizeof buf, "%s  (AUC %s)", r.info.run_name.c_str(), auc ? format_number(auc->value).c_str() : "-");
    return std::string(buf);
  };
  ImGui::PushItemWidth(ImGui::GetFontSize() * 16);
  if (begin_combo("run", run_label(*finished[size_t(register_run_)]).c_str())) {
    for (size_t i = 0; i < finished.size(); ++i)
      if (ImGui::Selectable(run_label(*finished[i]).c_str(), int(i) == register_run_)) register_run_ = int(i);
    ImGui::EndCombo();
  }
  // At 800 px the name field no longer fits beside the run: it moves below instead of being clipped.
  const ImGuiStyle& style = ImGui::GetStyle();
  same_line_if_fits(ImGui::CalcItemWidth() + style.ItemInnerSpacing.x + ImGui::CalcTextSize("model name").x, style.ItemSpacing.x);
  ImGui::InputText("model name", new_model_name_, sizeof new_model_name_);
  ImGui::PopItemWidth();
  same_line_if_fits(button_width("Register"), ImGui::GetStyle().ItemSpacing.x);
  const std::string& run_id = finished[size_t(register_run_)]->info.run_id;
  if (ImGui::Button("Register")) register_run(ctx, new_model_name_, run_id, false);
  error_box(error_);
  if (!mix_suggestion_.empty()) {
    // A refused mix: offer the fix in one click, a model of its own.
    std::string label = "Register as new model '" + mix_suggestion_ + "'";
    if (ImGui::Button(label.c_str())) register_run(ctx, std::string(mix_suggestion_), run_id, true);  // a copy: it is cleared
  }
  if (!notice_.empty()) ImGui::TextColored(ImVec4(0.6f, 0.85f, 0.6f, 1), "%s", notice_.c_str());
}

void RegistryPanel::register_run(AppContext& ctx, const std::string& model, const std::string& run_id, bool new_model) {
  notice_.clear();
  mix_suggestion_.clear();
  auto r = ctx.run({{"cmd", "registry.register"}, {"model", model}, {"run_id", run_id}, {"new_model", new_model}}, &error_);
  if (r.value("ok", false)) {
    selected_model_ = model;
    selected_version_ = r["version"].get<int>();
    notice_ = "Registered as " + selected_model_ + " version " + std::to_string(selected_version_) + ".";
    std::snprintf(new_model_name_, sizeof new_model_name_, "%s", model.c_str());
  } else if (error_.rfind("Not registered:", 0) == 0) {
    mix_suggestion_ = ctx.session.models().suggest_model_name(run_id);
  }
}

void RegistryPanel::draw_version(AppContext& ctx, const RegisteredModel& m, const ModelVersion& v) {
  section_title(("Version " + std::to_string(v.version) + " of " + m.name).c_str());
  // Lineage: data version -> run -> this version -> the endpoints serving it.
  std::vector<std::string> endpoints = ctx.session.serving().served_by(m.name, v.version);
  std::string served;
  for (const auto& e : endpoints) served += (served.empty() ? "served by " : ", ") + e;
  flow_items({"Lineage:", "data " + v.lineage.dataset_name + " (version " + short_hash(v.lineage.dataset_hash) + ")",
              "->  run " + v.run_id.substr(0, 8), "->  " + m.name + " v" + std::to_string(v.version),
              "->  " + (served.empty() ? std::string("not served by any endpoint") : served)});
  if (v.lineage.signature.known()) ImGui::TextDisabled("This version %s.", v.lineage.signature.summary().c_str());
  std::vector<std::string> params = {"params:"}, metrics = {"metrics:"};
  for (const auto& [k, val] : v.lineage.params) params.push_back(k + " = " + val);
  for (const auto& [k, val] : v.lineage.metrics)
    if (k != "train_loss" && k != "val_loss") metrics.push_back(k + " = " + format_number(val));
  flow_items(params);
  flow_items(metrics);

  ImGui::Spacing();
  ImGui::PushItemWidth(ImGui::GetFontSize() * 9);
  ImGui::InputText("alias", alias_, sizeof alias_);
  ImGui::SameLine();
  if (ImGui::Button("Set alias"))
    ctx.run({{"cmd", "registry.set_alias"}, {"model", m.name}, {"alias", std::string(alias_)}, {"version", v.version},
             {"comment", std::string(comment_)}}, &action_error_);
  help_marker("Aliases name a role: @champion serves traffic, @challenger gets a share to be compared. 'latest' and "
              "'v<number>' are reserved.");
  ImGui::SameLine(0, ImGui::GetFontSize() * 1.5f);
  const auto& stages = registry_stages();
  ImGui::Combo("##stage", &stage_, [](void* data, int i, const char** out) {
    *out = (*static_cast<const std::vector<std::string>*>(data))[size_t(i)].c_str();
    return true;
  }, const_cast<std::vector<std::string>*>(&stages), int(stages.size()));
  ImGui::SameLine();
  if (ImGui::Button("Move to stage"))
    ctx.run({{"cmd", "registry.transition"}, {"model", m.name}, {"version", v.version}, {"stage", stages[size_t(stage_)]},
             {"comment", std::string(comment_)}, {"archive_existing", archive_existing_}}, &action_error_);
  ImGui::SameLine();
  ImGui::Checkbox("archive the previous one", &archive_existing_);
  ImGui::PopItemWidth();
  ImGui::PushItemWidth(-1);
  input_text_with_hint("##comment", "comment for the history, e.g. 'AUC +0.02 on the same test split'", comment_, sizeof comment_);
  ImGui::PopItemWidth();
  error_box(action_error_);
  gates_.draw_override(ctx, m.name, v.version, comment_, action_error_);
  gates_.draw(ctx, m.name, v.version);

  if (ImGui::CollapsingHeader("Model card")) {
    if (card_loaded_for_ != v.version) { card_edit_ = v.card; card_loaded_for_ = v.version; }
    float h = ImGui::GetTextLineHeight() * 2.6f;
    ImGui::TextDisabled("Intended use");
    input_multiline("##use", card_edit_.intended_use, h);
    ImGui::TextDisabled("Data");
    input_multiline("##data", card_edit_.data, h);
    ImGui::TextDisabled("Metrics");
    input_multiline("##metrics", card_edit_.metrics, h);
    ImGui::TextDisabled("Caveats");
    input_multiline("##caveats", card_edit_.caveats, h);
    if (ImGui::Button("Save model card"))
      ctx.run({{"cmd", "registry.set_card"}, {"model", m.name}, {"version", v.version}, {"intended_use", card_edit_.intended_use},
               {"data", card_edit_.data}, {"metrics", card_edit_.metrics}, {"caveats", card_edit_.caveats}}, &action_error_);
  }
}

void RegistryPanel::draw_model(AppContext& ctx, const RegisteredModel& m) {
  section_title(("Model " + m.name).c_str());
  float row_h = ImGui::GetTextLineHeight() + 2 * ImGui::GetStyle().CellPadding.y;
  // Fixed-fit columns: each cell as wide as its widest value, so numbers are never cut.
  if (ImGui::BeginTable("versions", 6, ImGuiTableFlags_Borders | ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingFixedFit | ImGuiTableFlags_ScrollX,
                        ImVec2(0, row_h * float(m.versions.size() + 1) + 4))) {
    for (const char* h : {"version", "stage", "aliases", "run", "ROC AUC", "data version"}) ImGui::TableSetupColumn(h);
    ImGui::TableHeadersRow();
    for (auto it = m.versions.rbegin(); it != m.versions.rend(); ++it) {
      const ModelVersion& v = *it;
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      char label[32];
      std::snprintf(label, sizeof label, "v%d", v.version);
      if (ImGui::Selectable(label, selected_version_ == v.version, ImGuiSelectableFlags_SpanAllColumns)) selected_version_ = v.version;
      ImGui::TableNextColumn(); ImGui::TextUnformatted(v.stage.c_str());
      ImGui::TableNextColumn(); ImGui::TextUnformatted(aliases_of(m, v.version).c_str());
      ImGui::TableNextColumn(); ImGui::TextUnformatted(v.run_id.substr(0, 8).c_str());
      ImGui::TableNextColumn();
      auto auc = v.lineage.metrics.find("roc_auc");
      ImGui::TextUnformatted(auc == v.lineage.metrics.end() ? "-" : format_number(auc->second).c_str());
      ImGui::TableNextColumn(); ImGui::TextUnformatted(short_hash(v.lineage.dataset_hash).c_str());
    }
    ImGui::EndTable();
  }
  // Always drawn (disabled without @champion), so setting the first alias does not push the
  // version's buttons down under the pointer.
  bool has_champion = m.aliases.count("champion") > 0;
  ImGui::BeginDisabled(!has_champion);
  if (ImGui::Button("Roll back @champion"))
    if (ctx.run({{"cmd", "registry.rollback"}, {"model", m.name}, {"alias", "champion"},
                 {"comment", comment_[0] ? std::string(comment_) : "rolled back from the Registry panel"}}, &action_error_)
            .value("ok", false))
      notice_ = "@champion now points at version " + std::to_string(m.aliases.at("champion")) + ".";
  ImGui::EndDisabled();
  help_marker("Moves @champion back to the version it pointed to before its last move, in one action.");
  const ModelVersion* v = m.find(selected_version_);
  if (!v && !m.versions.empty()) { v = &m.versions.back(); selected_version_ = v->version; }
  if (v) draw_version(ctx, m, *v);

  if (!m.history.empty() && ImGui::CollapsingHeader("History of stages and aliases", ImGuiTreeNodeFlags_DefaultOpen)) {
    if (ImGui::BeginTable("history", 5, ImGuiTableFlags_Borders | ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingStretchProp)) {
      for (const char* h : {"when (UTC)", "what", "from", "to", "comment"}) ImGui::TableSetupColumn(h);
      ImGui::TableHeadersRow();
      for (auto it = m.history.rbegin(); it != m.history.rend(); ++it) {
        ImGui::TableNextRow();
        ImGui::TableNextColumn(); ImGui::TextUnformatted(format_time_ms(it->time_ms).c_str());
        ImGui::TableNextColumn();
        ImGui::Text(it->kind == "alias" ? "@%s" : "stage of v%s", it->subject.c_str());
        ImGui::TableNextColumn(); ImGui::TextUnformatted(it->from.empty() ? "-" : it->from.c_str());
        ImGui::TableNextColumn(); ImGui::TextUnformatted(it->to.empty() ? "(removed)" : it->to.c_str());
        ImGui::TableNextColumn(); ImGui::TextWrapped("%s", it->comment.c_str());
      }
      ImGui::EndTable();
    }
  }
}

// ui.registry: what the panel shows (its messages and selection), for browser tests that click.
void RegistryPanel::register_view_command(AppContext& ctx) {
  registered_ = true;
  ctx.dispatcher.add("ui.registry", "Registry panel state as drawn: {} -> error, notice, action_error, suggestion, model, version",
                     [this](const nlohmann::json&) {
                       return nlohmann::json{{"error", error_},           {"notice", notice_},
                                             {"action_error", action_error_}, {"suggestion", mix_suggestion_},
                                             {"model", selected_model_},   {"version", selected_version_}};
                     });
}

void RegistryPanel::draw(AppContext& ctx) {
  if (!registered_) register_view_command(ctx);
  ImGui::TextWrapped("The registry is the hub between training and serving: each version comes from a run, aliases such as "
                     "@champion say which version serves, stages record the release process, and every move is kept in "
                     "the history so a bad release can be rolled back in one click.");
  draw_register(ctx);
  const auto& models = ctx.session.models().registry().models();
  if (models.empty()) return;
  if (!models.count(selected_model_)) selected_model_ = models.begin()->first;
  if (models.size() > 1) {
    ImGui::PushItemWidth(ImGui::GetFontSize() * 16);
    if (begin_combo("registered model", selected_model_.c_str())) {
      for (const auto& [name, m] : models)
        if (ImGui::Selectable(name.c_str(), name == selected_model_)) selected_model_ = name;
      ImGui::EndCombo();
    }
    ImGui::PopItemWidth();
  }
  draw_model(ctx, models.at(selected_model_));
}

}  // namespace lab::app
