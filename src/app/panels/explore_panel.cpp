#include "app/panels/explore_panel.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "app/plot/hbar_chart.hpp"
#include "app/plot/heatmap.hpp"
#include "app/plot/palette.hpp"
#include "app/plot/class_scatter.hpp"
#include "app/widgets.hpp"
#include "imgui.h"

namespace lab::app {

using nlohmann::json;

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

// The PCA map: the rows placed by the two directions in which the (standardised, one-hot) data
// varies most, coloured by class, beside how much of the spread each direction holds and which
// columns make it up.
void ExplorePanel::draw_pca(AppContext& ctx, float half, bool two_columns) {
  const auto& d = ctx.session.dataset();
  section_title("PCA map: the data in its two main directions");
  if (!pca_shown_) {
    if (ImGui::Button("Show PCA map")) pca_shown_ = true;
    ImGui::SameLine();
    ImGui::TextDisabled("every row placed by the two directions its columns vary most in");
    if (!pca_shown_) return;
  }
  if (pca_hash_ != d->hash) {
    pca_hash_ = d->hash;
    json reply = ctx.run({{"cmd", "explore.pca"}, {"points", true}, {"top", 4}}, &pca_error_);
    pca_ = reply.value("ok", false) ? std::move(reply) : json();
    pca_x_.clear(), pca_y_.clear(), pca_class_.clear();
    if (!pca_.is_null()) {
      pca_x_ = pca_["points"]["x"].get<std::vector<double>>();
      pca_y_ = pca_["points"]["y"].get<std::vector<double>>();
      for (const auto& r : pca_["points"]["row"]) {
        const size_t row = r.get<size_t>();
        pca_class_.push_back(row < class_of_row_.size() ? class_of_row_[row] : 0);
      }
      pca_.erase("points");  // kept as vectors above; the reply stays small for ui.explore
    }
  }
  error_box(pca_error_);
  if (pca_.is_null()) return;
  const float fh = ImGui::GetFontSize();
  const float chart_h = fh * 15;
  const auto& comps = pca_["components"];
  auto axis_name = [&](size_t c) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "PC%zu (%.0f%% of the spread)", c + 1, 100 * comps[c].value("explained_variance_ratio", 0.0));
    return std::string(buf);
  };
  const std::string xl = axis_name(0), yl = axis_name(1);
  std::vector<plot::HBar> bars;
  for (size_t c = 0; c < 2; ++c)
    for (const auto& l : comps[c]["loadings"]) {
      const double v = l.value("loading", 0.0);
      char text[32];
      std::snprintf(text, sizeof text, "%+.2f", v);
      bars.push_back({"PC" + std::to_string(c + 1) + ": " + l.value("column", ""), 0, v, 0,
                      plot::series_color(c == 0 ? 4 : 5), text,
                      l.value("column", "") + " weighs " + text + " in PC" + std::to_string(c + 1)});
    }
  // Side by side, both as tall as the loadings need (the words above and below them wrap to
  // about four lines in a half-width column).
  const float box_h = std::max(chart_h + fh * 0.5f, plot::hbar_chart_height(bars.size()) + fh * (two_columns ? 9.0f : 7.0f));
  ImGui::BeginGroup();
  ImGui::BeginChild("pca_map", ImVec2(two_columns ? half : 0, two_columns ? box_h : chart_h + fh * 0.5f));
  const bool by_class = class_names_.size() <= 10;
  plot::class_scatter("pca", pca_x_, pca_y_, by_class ? pca_class_ : std::vector<int>{},
                      by_class ? class_names_ : std::vector<std::string>{}, xl.c_str(), yl.c_str(),
                      two_columns ? box_h - fh * 0.5f : chart_h);
  ImGui::EndChild();
  ImGui::EndGroup();
  if (two_columns) ImGui::SameLine();
  ImGui::BeginGroup();
  ImGui::BeginChild("pca_loadings", ImVec2(two_columns ? half : 0, box_h));
  ImGui::TextWrapped("PC1 holds %.1f%% of the spread, PC2 %.1f%% (together %.1f%%). Rows close together on the map "
                     "have similar values. The columns that make up each direction (loadings; the sign only says "
                     "which end):",
                     100 * comps[0].value("explained_variance_ratio", 0.0), 100 * comps[1].value("explained_variance_ratio", 0.0),
                     100 * (comps[0].value("explained_variance_ratio", 0.0) + comps[1].value("explained_variance_ratio", 0.0)));
  plot::HBarOptions opt;
  opt.x_label = "loading";
  opt.marker = 0;
  plot::hbar_chart("pca_loadings_bars", bars, opt);
  ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
  ImGui::TextWrapped("Numbers standardised (mean 0, sd 1), each category a 0/1 column, missing values filled: as the "
                     "training pipeline does.%s%s",
                     pca_.contains("note") ? " " : "", pca_.value("note", "").c_str());
  ImGui::PopStyleColor();
  ImGui::EndChild();
  ImGui::EndGroup();
}

void ExplorePanel::attach(AppContext& ctx) {
  ctx.dispatcher.add("ui.explore", "Explore panel state: the PCA map shown (explore.pca's reply without points) and its error",
                     [this](const json&) {
                       return json{{"pca_shown", pca_shown_}, {"pca", pca_}, {"pca_error", pca_error_},
                                   {"points", pca_x_.size()}};
                     });
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

  draw_pca(ctx, half, two_columns);

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
