#include "app/panels/data_panel.hpp"

#include "app/widgets.hpp"
#include "core/data/loan_generator.hpp"
#include "imgui.h"

namespace lab::app {

void DataPanel::draw(AppContext& ctx) {
  ImGui::TextWrapped(
      "Use case: a bank wants to decide loan applications faster. Each row is one application; the "
      "target column 'approved' says whether it was approved. The data is synthetic (no privacy concerns) "
      "and seeded: the same seed always gives the same rows, so everyone in the room sees the same data.");
  section_title("Generate");
  ImGui::PushItemWidth(ImGui::GetFontSize() * 9);
  ImGui::InputInt("rows", &rows_, 500, 5000);
  help_marker("How many loan applications to generate (10 to 1,000,000).");
  ImGui::SameLine(0, ImGui::GetFontSize() * 2);
  ImGui::InputInt("seed", &seed_);
  help_marker("Same seed, same data. Change it to see how much results vary with the sample.");
  ImGui::PopItemWidth();
  same_line_if_fits(button_width("Generate loan data"), ImGui::GetFontSize() * 2);
  if (ImGui::Button("Generate loan data"))
    ctx.run({{"cmd", "data.generate"}, {"dataset", "loan"}, {"rows", rows_}, {"seed", seed_}}, &error_);
  error_box(error_);
  if (ImGui::CollapsingHeader("How the data is generated")) ImGui::TextUnformatted(kLoanGeneratingProcess);

  const auto& d = ctx.session.dataset();
  if (!d) {
    ImGui::Spacing();
    ImGui::TextDisabled("No dataset yet. Press \"Generate loan data\" to create one.");
    return;
  }
  section_title("Dataset version");
  ImGui::TextWrapped("%s  |  %zu rows x %zu columns  |  seed %llu  |  version (content hash) %s", d->name.c_str(),
              d->table.rows(), d->table.cols(), static_cast<unsigned long long>(d->seed), short_hash(d->hash).c_str());
  help_marker("The content hash changes whenever any value changes, so it identifies exactly which data a run used "
              "(like DVC's data versions).");

  section_title("Schema");
  // Columns keep their natural width; a narrow window scrolls the table sideways instead of squeezing it.
  float schema_h = (ImGui::GetTextLineHeight() + 2 * ImGui::GetStyle().CellPadding.y) * float(d->schema.columns.size() + 1) +
                   ImGui::GetStyle().ScrollbarSize + 4;
  if (ImGui::BeginTable("schema", 7,
                        ImGuiTableFlags_Borders | ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingFixedFit |
                            ImGuiTableFlags_ScrollX,
                        ImVec2(0, schema_h))) {
    for (const char* h : {"column", "type", "role", "min", "mean", "max", "meaning"}) ImGui::TableSetupColumn(h);
    ImGui::TableHeadersRow();
    for (const auto& c : d->schema.columns) {
      ImGui::TableNextRow();
      ImGui::TableNextColumn(); ImGui::TextUnformatted(c.name.c_str());
      ImGui::TableNextColumn(); ImGui::TextUnformatted(to_string(c.type));
      ImGui::TableNextColumn(); ImGui::TextUnformatted(to_string(c.role));
      ImGui::TableNextColumn(); ImGui::TextUnformatted(format_number(c.min).c_str());
      ImGui::TableNextColumn(); ImGui::TextUnformatted(format_number(c.mean).c_str());
      ImGui::TableNextColumn(); ImGui::TextUnformatted(format_number(c.max).c_str());
      ImGui::TableNextColumn(); ImGui::TextUnformatted(c.description.c_str());
    }
    ImGui::EndTable();
  }

  section_title("Preview");
  const Table& t = d->table;
  float h = ImGui::GetContentRegionAvail().y;
  if (h < ImGui::GetFontSize() * 8) h = ImGui::GetFontSize() * 8;
  if (ImGui::BeginTable("preview", int(t.cols()) + 1,
                        ImGuiTableFlags_Borders | ImGuiTableFlags_RowBg | ImGuiTableFlags_ScrollY |
                            ImGuiTableFlags_ScrollX | ImGuiTableFlags_SizingFixedFit,
                        ImVec2(0, h))) {
    ImGui::TableSetupScrollFreeze(0, 1);
    ImGui::TableSetupColumn("#");
    for (const auto& c : t.columns) ImGui::TableSetupColumn(c.name.c_str());
    ImGui::TableHeadersRow();
    ImGuiListClipper clipper;  // only the visible rows are drawn, so 1M rows scroll smoothly
    clipper.Begin(int(t.rows()));
    while (clipper.Step())
      for (int r = clipper.DisplayStart; r < clipper.DisplayEnd; ++r) {
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        ImGui::TextDisabled("%d", r + 1);
        for (size_t c = 0; c < t.cols(); ++c) {
          ImGui::TableNextColumn();
          ImGui::TextUnformatted(t.cell_text(size_t(r), c).c_str());
        }
      }
    ImGui::EndTable();
  }
}

}  // namespace lab::app
