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
  if (ImGui::Button("Register")) {
    auto r = ctx.run({{"cmd", "registry.register"}, {"model", std::string(new_model_name_)},
                      {"run_id", finished[size_t(register_run_)]->info.run_id}}, &error_);
    if (r.value("ok", false)) {
      selected_model_ = new_model_name_;
      selected_version_ = r["version"].get<int>();
      notice_ = "Registered as " + selected_model_ + " version " + std::to_string(selected_version_) + ".";
    }
  }
}

void RegistryPanel::draw_version(AppContext& ctx, const RegisteredModel& m, const ModelVersion& v) {
  section_title(("Version " + std::to_string(v.version) + " of " + m.name).c_str());
  // Lineage: data version -> run -> this version -> where it is served.
  ImGui::TextWrapped("Lineage:  data %s (version %s)  ->  run %s  ->  %s version %d  ->  %s", v.lineage.dataset_name.c_str(),
                     short_hash(v.lineage.dataset_hash).c_str(), v.run_id.substr(0, 8).c_str(), m.name.c_str(), v.version,
                     v.lineage.served_by.empty() ? "not served yet" : v.lineage.served_by.front().c_str());
  std::string params, metrics;
  for (const auto& [k, val] : v.lineage.params) params += (params.empty() ? "" : ",  ") + k + " = " + val;
  for (const auto& [k, val] : v.lineage.metrics)
    if (k != "train_loss" && k != "val_loss") metrics += (metrics.empty() ? "" : ",  ") + k + " = " + format_number(val);
  ImGui::TextWrapped("params: %s", params.c_str());
  ImGui::TextWrapped("metrics: %s", metrics.c_str());

  ImGui::Spacing();
  ImGui::PushItemWidth(ImGui::GetFontSize() * 9);
  ImGui::InputText("alias", alias_, sizeof alias_);
  ImGui::SameLine();
  if (ImGui::Button("Set alias"))
    ctx.run({{"cmd", "registry.set_alias"}, {"model", m.name}, {"alias", std::string(alias_)}, {"version", v.version},
             {"comment", std::string(comment_)}}, &error_);
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
             {"comment", std::string(comment_)}, {"archive_existing", archive_existing_}}, &error_);
  ImGui::SameLine();
  ImGui::Checkbox("archive the previous one", &archive_existing_);
  ImGui::PopItemWidth();
  ImGui::PushItemWidth(-1);
  ImGui::InputTextWithHint("##comment", "comment for the history, e.g. 'AUC +0.02 on the same test split'", comment_, sizeof comment_);
  ImGui::PopItemWidth();

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
               {"data", card_edit_.data}, {"metrics", card_edit_.metrics}, {"caveats", card_edit_.caveats}}, &error_);
  }
}

void RegistryPanel::draw_model(AppContext& ctx, const RegisteredModel& m) {
  section_title(("Model " + m.name).c_str());
  float row_h = ImGui::GetTextLineHeight() + 2 * ImGui::GetStyle().CellPadding.y;
  if (ImGui::BeginTable("versions", 6, ImGuiTableFlags_Borders | ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingStretchProp,
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
  if (m.aliases.count("champion")) {
    if (ImGui::Button("Roll back @champion"))
      if (ctx.run({{"cmd", "registry.rollback"}, {"model", m.name}, {"alias", "champion"},
                   {"comment", comment_[0] ? std::string(comment_) : "rolled back from the Registry panel"}}, &error_)
              .value("ok", false))
        notice_ = "@champion now points at version " + std::to_string(m.aliases.at("champion")) + ".";
    help_marker("Moves @champion back to the version it pointed to before its last move, in one action.");
  }
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

void RegistryPanel::draw(AppContext& ctx) {
  ImGui::TextWrapped("The registry is the hub between training and serving: each version comes from a run, aliases such as "
                     "@champion say which version serves, stages record the release process, and every move is kept in "
                     "the history so a bad release can be rolled back in one click.");
  draw_register(ctx);
  error_box(error_);
  if (!notice_.empty()) ImGui::TextColored(ImVec4(0.6f, 0.85f, 0.6f, 1), "%s", notice_.c_str());
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
