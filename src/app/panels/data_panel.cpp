#include "app/panels/data_panel.hpp"

#include "app/labelled_widgets.hpp"
#include "app/widgets.hpp"
#include "core/data/dataset_catalog.hpp"
#include "core/data/schema.hpp"
#include "core/data/target_task.hpp"
#include "imgui.h"
#include "imgui_internal.h"  // IMGUI_TABLE_MAX_COLUMNS

namespace lab::app {

void DataPanel::draw_source(AppContext& ctx) {
  const auto& catalog = dataset_catalog();
  section_title("Choose a dataset");
  ImGui::PushItemWidth(ImGui::GetFontSize() * 16);
  if (begin_combo("dataset", catalog[size_t(dataset_)].label.c_str())) {
    for (size_t i = 0; i < catalog.size(); ++i)
      if (ImGui::Selectable(catalog[i].label.c_str(), int(i) == dataset_)) dataset_ = int(i);
    ImGui::EndCombo();
  }
  ImGui::PopItemWidth();
  const DatasetInfo& info = catalog[size_t(dataset_)];
  ImGui::SameLine();
  ImGui::TextDisabled("%s, target '%s'", info.task.c_str(), info.target.c_str());
  ImGui::PushItemWidth(ImGui::GetFontSize() * 9);
  if (info.generated) {
    input_int("rows", &rows_, 500, 5000);
    help_marker("How many rows to generate (10 to 1,000,000).");
    ImGui::SameLine(0, ImGui::GetFontSize() * 2);
    input_int("seed", &seed_);
    help_marker("Same seed, same data: everyone in the room sees the same rows. Change it to see how results vary.");
  }
  ImGui::PopItemWidth();
  if (info.generated) same_line_if_fits(button_width("Generate"), ImGui::GetFontSize() * 2);
  if (ImGui::Button(info.generated ? "Generate" : "Load"))
    ctx.run({{"cmd", "data.generate"}, {"dataset", info.name}, {"rows", rows_}, {"seed", seed_}}, &error_);
  if (ImGui::CollapsingHeader(info.generated ? "How the data is generated" : "Where the data comes from"))
    ImGui::TextWrapped("%s", info.process.c_str());

  section_title("Or bring your own CSV");
  if (ctx.pick_csv_file) {
    if (ImGui::Button("Import CSV file...")) ctx.pick_csv_file();
    ImGui::SameLine();
    ImGui::TextDisabled("or drop a .csv file anywhere on this page (header row required, up to 200 MB)");
  } else {
    ImGui::TextDisabled("CSV import: use the lab CLI (data.import_csv) in this build.");
  }
  if (!ctx.import_message.empty()) {
    if (ctx.import_failed) error_box(ctx.import_message);
    else ImGui::TextColored(ImVec4(0.6f, 0.85f, 0.6f, 1), "%s", ctx.import_message.c_str());
  }
  error_box(error_);
}

void DataPanel::draw_quality(AppContext& ctx) {
  section_title("Quality checklist");
  if (!ImGui::BeginTable("quality", 3, ImGuiTableFlags_SizingFixedFit | ImGuiTableFlags_RowBg)) return;
  ImGui::TableSetupColumn("status");
  ImGui::TableSetupColumn("column");
  ImGui::TableSetupColumn("finding", ImGuiTableColumnFlags_WidthStretch);
  for (const auto& q : ctx.session.quality()) {
    ImVec4 color = q.status == CheckStatus::Pass   ? ImVec4(0.45f, 0.8f, 0.45f, 1)
                   : q.status == CheckStatus::Warn ? ImVec4(0.95f, 0.75f, 0.3f, 1)
                                                   : ImVec4(1.0f, 0.45f, 0.4f, 1);
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    ImGui::TextColored(color, "%s", q.status == CheckStatus::Pass ? "PASS" : q.status == CheckStatus::Warn ? "WARN" : "FAIL");
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(q.column.empty() ? "all rows" : q.column.c_str());
    ImGui::TableNextColumn();
    ImGui::TextWrapped("%s", q.message.c_str());
  }
  ImGui::EndTable();
}

// The role of one schema row as a combo: picking "target" moves the target here (the old target
// becomes a feature); any other role goes through data.set_role.
void DataPanel::draw_role_combo(AppContext& ctx, const ColumnSchema& c) {
  const bool model_input = c.role == ColumnRole::Feature || c.role == ColumnRole::Target;
  const ImVec4 color = c.role == ColumnRole::Target ? ImVec4(0.55f, 0.78f, 1.0f, 1)
                       : model_input               ? ImGui::GetStyleColorVec4(ImGuiCol_Text)
                                                   : ImVec4(0.95f, 0.75f, 0.3f, 1);  // left out of the model
  ImGui::PushID(c.name.c_str());
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 6.5f);
  ImGui::PushStyleColor(ImGuiCol_Text, color);
  const bool open = begin_combo("##role", to_string(c.role));
  ImGui::PopStyleColor();
  const bool hovered = ImGui::IsItemHovered();
  if (open) {
    for (ColumnRole r : column_roles()) {
      if (!ImGui::Selectable(to_string(r), r == c.role) || r == c.role) continue;
      if (r == ColumnRole::Target) ctx.run({{"cmd", "data.set_target"}, {"column", c.name}}, &error_);
      else ctx.run({{"cmd", "data.set_role"}, {"column", c.name}, {"role", to_string(r)}}, &error_);
    }
    ImGui::EndCombo();
  }
  if (hovered && !open)
    ImGui::SetTooltip("feature: a model input\ntarget: what the model predicts (one per dataset)\n"
                      "id, time, ignore: kept in the table, left out of the model");
  ImGui::PopID();
}

// One row of the schema table: name, type, role combo, why, missing, min/mean/max, meaning.
void DataPanel::draw_schema_row(AppContext& ctx, const ColumnSchema& c) {
  auto next_cell = [] {
    ImGui::TableNextColumn();
    ImGui::AlignTextToFramePadding();
  };
  ImGui::TableNextRow();
  next_cell(); ImGui::TextUnformatted(c.name.c_str());
  next_cell(); ImGui::TextUnformatted(to_string(c.type));
  ImGui::TableNextColumn();
  draw_role_combo(ctx, c);
  next_cell(); ImGui::TextDisabled("%s", c.role_reason.c_str());
  next_cell(); ImGui::Text("%zu", c.missing);
  bool numeric = c.type == ColumnType::Numeric;
  for (double v : {c.min, c.mean, c.max}) {
    next_cell();
    ImGui::TextUnformatted(numeric ? format_number(v).c_str() : "");
  }
  next_cell();
  if (numeric) {
    ImGui::TextUnformatted(c.description.c_str());
  } else {
    std::string cats;
    for (size_t k = 0; k < c.categories.size() && k < 8; ++k) cats += (k ? ", " : "") + c.categories[k];
    if (c.categories.size() > 8) cats += ", ... (" + std::to_string(c.categories.size()) + ")";
    ImGui::TextUnformatted(cats.c_str());
  }
}

void DataPanel::draw_schema(AppContext& ctx) {
  const auto& d = *ctx.session.dataset();
  section_title("Schema");
  // Rows hold a role combo, so they are a frame tall; text cells align to the combo's text.
  float row_h = ImGui::GetFrameHeight() + 2 * ImGui::GetStyle().CellPadding.y;
  float h = std::min(row_h * float(d.schema.columns.size() + 1) + ImGui::GetStyle().ScrollbarSize + 4, ImGui::GetFontSize() * 16);
  // Columns keep their natural width; a narrow window scrolls the table sideways instead of squeezing it.
  if (ImGui::BeginTable("schema", 9,
                        ImGuiTableFlags_Borders | ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingFixedFit |
                            ImGuiTableFlags_ScrollX | ImGuiTableFlags_ScrollY,
                        ImVec2(0, h))) {
    ImGui::TableSetupScrollFreeze(1, 1);
    for (const char* name : {"column", "type", "role", "why this role", "missing", "min", "mean", "max", "meaning / categories"})
      ImGui::TableSetupColumn(name);
    ImGui::TableHeadersRow();
    // Only the visible rows are drawn: a wide file (thousands of columns) stays responsive.
    ImGuiListClipper clipper;
    clipper.Begin(int(d.schema.columns.size()), row_h);
    while (clipper.Step())
      for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) draw_schema_row(ctx, d.schema.columns[size_t(i)]);
    ImGui::EndTable();
  }
  ImGui::TextDisabled("Only feature columns are model inputs. Change a role in the role column: each change is a new "
                      "dataset version.");
  // Any column can become the target: a new dataset version, as in the workshop's exercises.
  const Column* target = d.table.target();
  ImGui::PushItemWidth(ImGui::GetFontSize() * 14);
  if (begin_combo("target column", target ? target->name.c_str() : "(none)")) {
    for (const auto& c : d.table.columns)
      if (ImGui::Selectable(c.name.c_str(), target == &c)) ctx.run({{"cmd", "data.set_target"}, {"column", c.name}}, &error_);
    ImGui::EndCombo();
  }
  ImGui::PopItemWidth();
  help_marker("The column the model learns to predict. Two classes: binary classification; a few classes: multi-class; "
              "numbers: regression.");
  draw_task(ctx);
  if (ctx.download_text) {
    if (ImGui::Button("Download as CSV")) {
      auto r = ctx.run({{"cmd", "data.export_csv"}}, &error_);
      if (r.value("ok", false)) ctx.download_text(r["filename"].get<std::string>(), r["text"].get<std::string>());
    }
  }
}

// What the target asks for (binary, multi-class, regression), why, and a control to choose it.
void DataPanel::draw_task(AppContext& ctx) {
  const auto& d = *ctx.session.dataset();
  const Column* target = d.table.target();
  if (!target) return;
  const std::string key = d.hash + "/" + d.task;
  if (key != task_key_) {
    task_key_ = key;
    task_text_.clear();
    task_error_.clear();
    try {
      TargetTask t = detect_target_task(*target, d.task);
      task_text_ = t.reason;
    } catch (const std::invalid_argument& e) {
      task_error_ = e.what();
    }
  }
  static const char* kTasks[] = {"auto", "binary", "multiclass", "regression"};
  ImGui::PushItemWidth(ImGui::GetFontSize() * 9);
  if (begin_combo("task", d.task.c_str())) {
    for (const char* t : kTasks)
      if (ImGui::Selectable(t, d.task == t) && d.task != t) ctx.run({{"cmd", "data.set_task"}, {"task", t}}, &task_choice_error_);
    ImGui::EndCombo();
  }
  ImGui::PopItemWidth();
  help_marker("auto follows the rule: text with 2 values is binary, more is multi-class; whole numbers with at most 10 "
              "values are classes; other numbers are regression. Choose another task when the rule guesses wrong "
              "(e.g. 50 grade levels you want as classes).");
  if (!task_text_.empty()) ImGui::TextWrapped("Task: %s", task_text_.c_str());
  if (!task_error_.empty()) error_box(task_error_);
  error_box(task_choice_error_);
}

void DataPanel::draw_preview(AppContext& ctx) {
  const Table& t = ctx.session.dataset()->table;
  section_title("Preview");
  // ImGui tables hold at most 64 columns (the row number and 63 data columns).
  const size_t shown = std::min<size_t>(t.cols(), IMGUI_TABLE_MAX_COLUMNS - 1);
  if (shown < t.cols())
    ImGui::TextDisabled("Showing the first %zu of %zu columns; the schema above lists them all.", shown, t.cols());
  float h = std::max(ImGui::GetContentRegionAvail().y, ImGui::GetFontSize() * 12);
  if (ImGui::BeginTable("preview", int(shown) + 1,
                        ImGuiTableFlags_Borders | ImGuiTableFlags_RowBg | ImGuiTableFlags_ScrollY |
                            ImGuiTableFlags_ScrollX | ImGuiTableFlags_SizingFixedFit,
                        ImVec2(0, h))) {
    ImGui::TableSetupScrollFreeze(1, 1);
    ImGui::TableSetupColumn("#");
    for (size_t c = 0; c < shown; ++c) ImGui::TableSetupColumn(t.columns[c].name.c_str());
    ImGui::TableHeadersRow();
    ImGuiListClipper clipper;  // only the visible rows are drawn, so 1M rows scroll smoothly
    clipper.Begin(int(t.rows()));
    while (clipper.Step())
      for (int r = clipper.DisplayStart; r < clipper.DisplayEnd; ++r) {
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        ImGui::TextDisabled("%d", r + 1);
        for (size_t c = 0; c < shown; ++c) {
          ImGui::TableNextColumn();
          std::string cell = t.cell_text(size_t(r), c);
          if (cell.empty()) ImGui::TextDisabled("missing");
          else ImGui::TextUnformatted(cell.c_str());
        }
      }
    ImGui::EndTable();
  }
}

void DataPanel::draw(AppContext& ctx) {
  ImGui::TextWrapped("Every workshop starts from data. Generate one of the workshop datasets (seeded, so everyone gets the "
                     "same rows), load a real one, or import your own CSV. Then check its quality before you model it.");
  draw_source(ctx);
  const auto& d = ctx.session.dataset();
  if (!d) {
    ImGui::Spacing();
    ImGui::TextDisabled("No dataset yet: generate, load or import one above.");
    return;
  }
  section_title("Dataset version");
  ImGui::TextWrapped("%s  |  %s rows x %zu columns  |  %s  |  version (content hash) %s", d->name.c_str(),
                     format_number(double(d->table.rows())).c_str(), d->table.cols(), d->source.c_str(),
                     short_hash(d->hash).c_str());
  help_marker("The content hash changes whenever any value changes, so it identifies exactly which data a run used "
              "(like DVC's data versions).");
  if (!d->import_note.empty()) {
    ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(0.95f, 0.75f, 0.3f, 1));
    ImGui::TextWrapped("Encoding: %s. Check the names in the preview below.", d->import_note.c_str());
    ImGui::PopStyleColor();
  }
  draw_quality(ctx);
  draw_schema(ctx);
  draw_preview(ctx);
}

}  // namespace lab::app
