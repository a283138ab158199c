#include "app/panels/explore_panel.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "app/plot/heatmap.hpp"
#include "app/plot/class_scatter.hpp"
#include "app/widgets.hpp"
#include "imgui.h"

namespace lab::app {

namespace {
plot::BarChartData to_bars(const Histogram& h, const Column& c) {
  plot::BarChartData d;
  d.groups = h.groups;
  d.counts = h.counts;
  if (c.type == ColumnType::Numeric) d.edges = h.edges;
  size_t bins = h.edges.size() - 1;
  for (size_t b = 0; b < bins; ++b) {
    if (c.type == ColumnType::Categorical) d.bin_labels.push_back(c.categories[b]);
    else d.bin_labels.push_back(format_number(h.edges[b]) + " - " + format_number(h.edges[b + 1]));
  }
  return d;
}

bool column_combo(const char* label, const Table& t, int& index) {
  bool changed = false;
  if (begin_combo(label, t.columns[size_t(index)].name.c_str())) {
    for (size_t i = 0; i < t.cols(); ++i)
      if (ImGui::Selectable(t.columns[i].name.c_str(), int(i) == index)) { index = int(i); changed = true; }
    ImGui::EndCombo();
  }
  return changed;
}
}  // namespace

// Start the scatter on the two features most correlated with the target: the view that
// shows participants the class boundary first.
void ExplorePanel::pick_informative_pair(const Table& t) {
  const Column* target = t.target();
  size_t ti = corr_.names.size();
  for (size_t i = 0; i < corr_.names.size(); ++i)
    if (target && corr_.names[i] == target->name) ti = i;
  std::vector<std::pair<double, std::string>> ranked;
  for (size_t i = 0; i < corr_.names.size(); ++i)
    if (i != ti && ti < corr_.names.size() && !std::isnan(corr_.at(i, ti)))
      ranked.push_back({-std::fabs(corr_.at(i, ti)), corr_.names[i]});
  std::sort(ranked.begin(), ranked.end());
  auto index_of = [&](const std::string& n) {
    for (size_t i = 0; i < t.cols(); ++i)
      if (t.columns[i].name == n) return int(i);
    return 0;
  };
  scatter_x_ = ranked.size() > 0 ? index_of(ranked[0].second) : 0;
  scatter_y_ = ranked.size() > 1 ? index_of(ranked[1].second) : std::min(1, int(t.cols()) - 1);
  feature_ = scatter_x_;
}

void ExplorePanel::refresh(const Table& t, const std::string& hash) {
  const Column* target = t.target();
  if (hash != cached_hash_) {
    cached_hash_ = hash;
    cached_feature_ = -1;
    summaries_.clear();
    for (const auto& c : t.columns) summaries_.push_back(summarize(c));
    corr_ = correlations(t);
    // Numbered classes carry their meaning where the data states one ("declined (0)"), so the
    // target bars and the legends say more than 0 and 1.
    class_names_ = target ? class_display_names(target->description, class_names(*target)) : std::vector<std::string>{};
    class_of_row_ = target ? class_index(*target) : std::vector<int>(t.rows(), 0);
    if (target) {
      Histogram h = histogram(*target, 20, nullptr);
      target_bars_ = to_bars(h, *target);
      if (class_names_.size() <= 20 && target->type == ColumnType::Numeric) {
        // A class target: one bar per class, named by its label.
        target_bars_.bin_labels.clear();
        target_bars_.counts = {std::vector<double>(class_names_.size(), 0.0)};
        for (int k : class_of_row_)
          if (k >= 0) target_bars_.counts[0][size_t(k)] += 1;
        target_bars_.bin_labels = class_names_;
        target_bars_.edges.clear();
      }
      pick_informative_pair(t);
    }
    if (feature_ >= int(t.cols())) feature_ = 0;
  }
  if (feature_ != cached_feature_ || bins_ != cached_bins_) {
    cached_feature_ = feature_;
    cached_bins_ = bins_;
    const Column& c = t.columns[size_t(feature_)];
    bool split = target && &c != target && class_names_.size() <= 10;
    feature_bars_ = to_bars(histogram(c, bins_, split ? target : nullptr), c);
    if (split && feature_bars_.groups.size() == class_names_.size()) feature_bars_.groups = class_names_;
  }
}

void ExplorePanel::draw(AppContext& ctx) {
  const auto& d = ctx.session.dataset();
  if (!d) {
    ImGui::TextWrapped("Generate or import a dataset in the Data module first; then explore it here.");
    return;
  }
  const Table& t = d->table;
  refresh(t, d->hash);
  const Column* target = t.target();
  float fh = ImGui::GetFontSize();
  float chart_h = fh * 15;

  ImGui::TextWrapped("Look before you model: how is the target distributed, which features separate the classes, "
                     "and which features move together?");
  float half = (ImGui::GetContentRegionAvail().x - ImGui::GetStyle().ItemSpacing.x) * 0.5f;
  bool two_columns = half > fh * 22;

  ImGui::BeginGroup();
  section_title(target ? ("Target: " + target->name).c_str() : "Target");
  if (target) {
    ImGui::PushID("target");
    ImGui::BeginChild("target", ImVec2(two_columns ? half : 0, chart_h + fh * 0.5f));
    plot::bar_chart("target-bars", target_bars_, target->name.c_str(), chart_h);
    ImGui::EndChild();
    ImGui::PopID();
  } else {
    ImGui::TextDisabled("No target column.");
  }
  ImGui::EndGroup();
  if (two_columns) ImGui::SameLine();
  ImGui::BeginGroup();
  section_title("Feature by class");
  ImGui::BeginChild("feature", ImVec2(two_columns ? half : 0, chart_h + fh * 2.4f));
  // The column pick and the bins slider share the row; narrower than 11 font sizes each when the
  // column is (960 px wide, two columns).
  const float row = ImGui::GetContentRegionAvail().x - labelled_width(0, "feature") - labelled_width(0, "bins") -
                    ImGui::GetStyle().ItemSpacing.x;
  ImGui::PushItemWidth(std::min(fh * 11, row * 0.5f));
  column_combo("feature", t, feature_);
  if (t.columns[size_t(feature_)].type == ColumnType::Numeric) {
    ImGui::SameLine();
    ImGui::SliderInt("bins", &bins_, 5, 60);
  }
  ImGui::PopItemWidth();
  plot::bar_chart("feature-bars", feature_bars_, t.columns[size_t(feature_)].name.c_str(), chart_h);
  ImGui::EndChild();
  ImGui::EndGroup();

  ImGui::BeginGroup();
  section_title("Correlations (Pearson)");
  ImGui::BeginChild("corr", ImVec2(two_columns ? half : 0, chart_h + fh * 2.4f), false, ImGuiWindowFlags_NoScrollbar);
  plot::correlation_heatmap("corr", corr_.names, corr_.values, chart_h + fh * 0.6f);
  ImGui::EndChild();
  ImGui::EndGroup();
  if (two_columns) ImGui::SameLine();
  ImGui::BeginGroup();
  section_title("Two features, coloured by class");
  ImGui::BeginChild("scatter", ImVec2(two_columns ? half : 0, chart_h + fh * 2.4f));
  ImGui::PushItemWidth(fh * 11);
  column_combo("x", t, scatter_x_);
  ImGui::SameLine();
  column_combo("y", t, scatter_y_);
  ImGui::PopItemWidth();
  const Column& cx = t.columns[size_t(scatter_x_)];
  const Column& cy = t.columns[size_t(scatter_y_)];
  bool by_class = class_names_.size() <= 10;
  plot::class_scatter("scatter", cx.values, cy.values, by_class ? class_of_row_ : std::vector<int>{},
                     by_class ? class_names_ : std::vector<std::string>{}, cx.name.c_str(), cy.name.c_str(), chart_h);
  ImGui::EndChild();
  ImGui::EndGroup();

  section_title("Summary");
  float row_h = ImGui::GetTextLineHeight() + 2 * ImGui::GetStyle().CellPadding.y;
  float table_h = row_h * float(summaries_.size() + 1) + ImGui::GetStyle().ScrollbarSize + 4;
  if (ImGui::BeginTable("summary", 11,
                        ImGuiTableFlags_Borders | ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingFixedFit |
                            ImGuiTableFlags_ScrollX,
                        ImVec2(0, table_h))) {
    for (const char* h : {"column", "count", "missing", "distinct", "mean", "std", "min", "25%", "median", "75%", "max"})
      ImGui::TableSetupColumn(h);
    ImGui::TableHeadersRow();
    for (size_t i = 0; i < summaries_.size(); ++i) {
      const ColumnSummary& s = summaries_[i];
      bool numeric = t.columns[i].type == ColumnType::Numeric;
      ImGui::TableNextRow();
      ImGui::TableNextColumn(); ImGui::TextUnformatted(s.name.c_str());
      ImGui::TableNextColumn(); ImGui::Text("%zu", s.count);
      ImGui::TableNextColumn(); ImGui::Text("%zu", s.missing);
      ImGui::TableNextColumn(); ImGui::Text("%zu", s.distinct);
      for (double v : {s.mean, s.std, s.min, s.q25, s.median, s.q75, s.max}) {
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(numeric ? format_number(v).c_str() : "");
      }
    }
    ImGui::EndTable();
  }
}

}  // namespace lab::app
