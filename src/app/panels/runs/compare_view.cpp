#include "app/panels/runs/compare_view.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <set>

#include "app/plot/parallel_coords.hpp"
#include "app/plot/scatter_plot.hpp"
#include "app/plot/step_chart.hpp"
#include "app/widgets.hpp"
#include "core/track/series_reduce.hpp"
#include "imgui.h"

namespace lab::app::runs {
namespace {

constexpr size_t kMaxCurves = 40;

std::string param_of(const Run& r, const std::string& k) {
  auto it = r.params.find(k);
  return it == r.params.end() ? "(none)" : it->second;
}

double latest_of(const Run& r, const std::string& k) {
  const MetricPoint* p = r.latest(k);
  return p ? p->value : NAN;
}

bool combo(const char* label, std::string& value, const std::vector<std::string>& options, const char* none = nullptr) {
  bool changed = false;
  if (begin_combo(label, value.empty() ? (none ? none : "") : value.c_str())) {
    if (none && ImGui::Selectable(none, value.empty())) { value.clear(); changed = true; }
    for (const auto& o : options)
      if (ImGui::Selectable(o.c_str(), o == value)) { value = o; changed = true; }
    ImGui::EndCombo();
  }
  return changed;
}

}  // namespace

void CompareView::prepare(const std::vector<const Run*>& runs, const std::string& signature) {
  signature_ = signature;
  charts_.clear();
  std::set<std::string> params, metrics, steps;
  for (const Run* r : runs) {
    for (const auto& [k, v] : r->params) params.insert(k);
    for (const auto& [k, h] : r->metrics) {
      metrics.insert(k);
      if (h.size() > 1) steps.insert(k);
    }
  }
  param_keys_.assign(params.begin(), params.end());
  metric_keys_.assign(metrics.begin(), metrics.end());
  step_metric_keys_.assign(steps.begin(), steps.end());
  if (!metrics_chosen_) {
    chart_metrics_.clear();
    for (const auto& k : step_metric_keys_) if (chart_metrics_.size() < 4) chart_metrics_.push_back(k);
  }

  for (const auto& key : chart_metrics_) {
    std::vector<Prepared>& out = charts_[key];
    if (group_by_.empty()) {
      // Drawing hundreds of curves in one chart shows nothing but a smear: draw the first
      // kMaxCurves (table order) and say so; grouping by a param summarises all of them.
      for (size_t i = 0; i < runs.size() && out.size() < kMaxCurves; ++i) {
        auto it = runs[i]->metrics.find(key);
        if (it == runs[i]->metrics.end()) continue;
        Prepared p;
        p.label = runs[i]->info.run_name;
        p.color = plot::series_color(i);
        history_xy(it->second, p.xs, p.ys);
        p.ys = smooth_ema(p.ys, smoothing_);
        out.push_back(std::move(p));
      }
      continue;
    }
    // Grouped: per param value, mean and std over the group's runs at each step.
    std::map<std::string, std::map<double, std::vector<double>>> groups;
    for (const Run* r : runs) {
      auto it = r->metrics.find(key);
      if (it == r->metrics.end()) continue;
      std::vector<double> xs, ys;
      history_xy(it->second, xs, ys);
      ys = smooth_ema(ys, smoothing_);
      auto& g = groups[param_of(*r, group_by_)];
      for (size_t i = 0; i < xs.size(); ++i) g[xs[i]].push_back(ys[i]);
    }
    size_t gi = 0;
    for (const auto& [value, by_step] : groups) {
      Prepared p;
      size_t n = 0;
      for (const auto& [step, vals] : by_step) {
        MeanStd m = mean_std(vals);
        n = std::max(n, m.n);
        p.xs.push_back(step);
        p.ys.push_back(m.mean);
        p.lo.push_back(m.mean - m.std);
        p.hi.push_back(m.mean + m.std);
      }
      p.label = group_by_ + "=" + value + " (" + std::to_string(n) + ")";
      p.color = plot::series_color(gi++);
      out.push_back(std::move(p));
    }
  }
}

void CompareView::draw_controls(const std::vector<const Run*>& runs, const ExplorerState& st) {
  float fh = ImGui::GetFontSize();
  if (ImGui::Button("Charts...")) ImGui::OpenPopup("chart-metrics");
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("which metrics get a step chart");
  if (ImGui::BeginPopup("chart-metrics")) {
    for (const auto& k : metric_keys_) {
      bool on = std::count(chart_metrics_.begin(), chart_metrics_.end(), k) > 0;
      std::string label = k + (std::count(step_metric_keys_.begin(), step_metric_keys_.end(), k) ? "" : "  (single value)");
      if (ImGui::Checkbox(label.c_str(), &on)) {
        if (on) chart_metrics_.push_back(k);
        else chart_metrics_.erase(std::remove(chart_metrics_.begin(), chart_metrics_.end(), k), chart_metrics_.end());
        metrics_chosen_ = true;
        signature_.clear();
      }
    }
    ImGui::EndPopup();
  }
  ImGui::SameLine();
  ImGui::SetNextItemWidth(fh * 9);
  if (ImGui::SliderFloat("smoothing", &smoothing_, 0.0f, 0.99f, "%.2f")) signature_.clear();
  ImGui::SameLine();
  ImGui::Checkbox("log scale", &log_y_);
  ImGui::SameLine();
  ImGui::SetNextItemWidth(fh * 10);
  if (combo("group by", group_by_, param_keys_, "(no grouping)")) signature_.clear();
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("runs with the same value of this param become one line: mean with a +/- std band");
  (void)runs;
  (void)st;
}

void CompareView::draw_charts() {
  float fh = ImGui::GetFontSize();
  float avail = ImGui::GetContentRegionAvail().x;
  int per_row = avail > fh * 50 ? 2 : 1;
  float w = (avail - ImGui::GetStyle().ItemSpacing.x * float(per_row - 1)) / float(per_row);
  int i = 0;
  for (const auto& key : chart_metrics_) {
    auto it = charts_.find(key);
    if (it == charts_.end()) continue;
    std::vector<plot::StepSeries> series;
    for (const auto& p : it->second)
      series.push_back({p.label, &p.xs, &p.ys, p.color, p.lo.empty() ? nullptr : &p.lo, p.hi.empty() ? nullptr : &p.hi});
    if (i % per_row != 0) ImGui::SameLine();
    ImGui::BeginChild(("chart-" + key).c_str(), ImVec2(w, fh * 15), false, ImGuiWindowFlags_NoScrollbar);
    plot::step_chart(key.c_str(), series, {key.c_str(), "step", log_y_, fh * 15 - 2, series.size() <= 12});
    ImGui::EndChild();
    ++i;
  }
  if (chart_metrics_.empty()) ImGui::TextDisabled("No step metrics among the selected runs; pick some with Charts...");
  if (group_by_.empty() && selected_ > kMaxCurves)
    ImGui::TextDisabled("Charts show the first %zu of %zu selected runs (table order). Group by a param to summarise all of them.",
                        kMaxCurves, selected_);
}

void CompareView::draw_params_diff(const std::vector<const Run*>& runs) {
  section_title("Parameters");
  ImGui::Checkbox("only params that differ", &only_diff_);
  size_t shown = std::min<size_t>(runs.size(), 16);
  if (runs.size() > shown) {
    ImGui::SameLine();
    ImGui::TextDisabled("(first %zu of %zu selected runs)", shown, runs.size());
  }
  std::vector<std::pair<std::string, bool>> rows;
  for (const auto& k : param_keys_) {
    bool differs = false;
    for (const Run* r : runs) differs |= param_of(*r, k) != param_of(*runs.front(), k);
    if (differs || !only_diff_) rows.push_back({k, differs});
  }
  if (rows.empty()) {
    ImGui::TextDisabled(param_keys_.empty() ? "No params logged." : "All selected runs use the same params.");
    return;
  }
  float fh = ImGui::GetFontSize();
  float h = std::min(fh * 12, (ImGui::GetTextLineHeightWithSpacing() + 2) * float(rows.size() + 1) + fh * 0.5f);
  if (ImGui::BeginTable("params-diff", int(shown) + 1,
                        ImGuiTableFlags_Borders | ImGuiTableFlags_ScrollX | ImGuiTableFlags_ScrollY | ImGuiTableFlags_SizingFixedFit,
                        ImVec2(0, h))) {
    ImGui::TableSetupScrollFreeze(1, 1);
    ImGui::TableSetupColumn("param");
    for (size_t i = 0; i < shown; ++i) ImGui::TableSetupColumn(runs[i]->info.run_name.c_str());
    ImGui::TableHeadersRow();
    for (const auto& [k, differs] : rows) {
      ImGui::TableNextRow();
      if (differs) ImGui::TableSetBgColor(ImGuiTableBgTarget_RowBg0, IM_COL32(120, 90, 30, 110));
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(k.c_str());
      for (size_t i = 0; i < shown; ++i) {
        ImGui::TableNextColumn();
        std::string v = param_of(*runs[i], k);
        if (differs && v != param_of(*runs.front(), k)) ImGui::TextColored(ImVec4(1.0f, 0.8f, 0.35f, 1), "%s", v.c_str());
        else ImGui::TextUnformatted(v.c_str());
      }
    }
    ImGui::EndTable();
  }
}

void CompareView::draw_parallel_and_scatter(const std::vector<const Run*>& runs, const ExplorerState& st) {
  float fh = ImGui::GetFontSize();
  // With fewer than two runs selected, both plots use every run that passes the filter.
  const std::vector<const Run*>& set = runs.size() >= 2 ? runs : st.rows.runs;
  if (pc_metric_.empty() && !st.metric_columns.empty()) pc_metric_ = st.metric_columns.front();
  if (scatter_metric_.empty()) scatter_metric_ = pc_metric_;
  std::vector<std::string> numeric_params;
  for (const auto& k : st.rows.param_keys) {
    bool any = false, all = true;
    for (const Run* r : set) {
      auto it = r->params.find(k);
      if (it == r->params.end()) continue;
      double v;
      any = true;
      all &= param_number(it->second, v);
    }
    if (any && all) numeric_params.push_back(k);
  }
  std::string previous_param = scatter_param_;
  if (scatter_param_.empty() && !numeric_params.empty()) scatter_param_ = numeric_params.front();

  float half = (ImGui::GetContentRegionAvail().x - ImGui::GetStyle().ItemSpacing.x) * 0.5f;
  ImGui::BeginChild("pc", ImVec2(half, fh * 19), false);
  section_title("Parallel coordinates");
  ImGui::SetNextItemWidth(fh * 10);
  combo("metric##pc", pc_metric_, st.rows.metric_keys);
  ImGui::SameLine();
  ImGui::TextDisabled("%zu runs", set.size());
  // Axes: params that vary across the runs (at most 6), then the metric.
  std::vector<plot::PcAxis> axes;
  std::vector<std::string> labels;
  for (const Run* r : set) labels.push_back(r->info.run_name);
  // Axes: params most runs have and that vary across them (at most 6), then the metric.
  for (const auto& k : st.rows.param_keys) {
    std::set<std::string> distinct;
    size_t have = 0;
    for (const Run* r : set)
      if (auto it = r->params.find(k); it != r->params.end()) { distinct.insert(it->second); ++have; }
    if (distinct.size() < 2 || have * 2 < set.size() || axes.size() >= 6) continue;
    plot::PcAxis ax;
    ax.name = k;
    bool numeric = std::count(numeric_params.begin(), numeric_params.end(), k) > 0;
    if (!numeric) ax.categories.assign(distinct.begin(), distinct.end());
    for (const Run* r : set) {
      auto it = r->params.find(k);
      double d = NAN;
      if (it != r->params.end()) {
        if (numeric) param_number(it->second, d);
        else d = double(std::lower_bound(ax.categories.begin(), ax.categories.end(), it->second) - ax.categories.begin());
      }
      ax.values.push_back(d);
    }
    axes.push_back(std::move(ax));
  }
  if (!pc_metric_.empty()) {
    plot::PcAxis m;
    m.name = pc_metric_;
    for (const Run* r : set) m.values.push_back(latest_of(*r, pc_metric_));
    axes.push_back(std::move(m));
  }
  if (axes.size() < 2) ImGui::TextDisabled("The params do not vary across these runs; nothing to spread out.");
  else plot::parallel_coords("pc-plot", axes, labels, ImGui::GetContentRegionAvail().y - 2);
  ImGui::EndChild();

  ImGui::SameLine();
  ImGui::BeginChild("scatter", ImVec2(0, fh * 19), false);
  section_title("Param vs metric");
  ImGui::SetNextItemWidth(fh * 8);
  std::string before_combo = scatter_param_;
  combo("##sx", scatter_param_, numeric_params);
  if (before_combo != scatter_param_) previous_param.clear();
  ImGui::SameLine();
  ImGui::TextUnformatted("vs");
  ImGui::SameLine();
  ImGui::SetNextItemWidth(fh * 8);
  combo("##sy", scatter_metric_, st.rows.metric_keys);
  ImGui::SameLine();
  ImGui::Checkbox("log x", &scatter_log_x_);
  if (previous_param != scatter_param_) {
    // Params spanning decades (C, learning rates) read better on a log axis: default to it.
    double lo = INFINITY, hi = -INFINITY, v;
    for (const Run* r : set)
      if (auto it = r->params.find(scatter_param_); it != r->params.end() && param_number(it->second, v)) {
        lo = std::min(lo, v);
        hi = std::max(hi, v);
      }
    scatter_log_x_ = lo > 0 && hi / lo >= 100;
  }
  std::vector<double> xs, ys;
  for (const Run* r : set) {
    double x = NAN;
    auto it = r->params.find(scatter_param_);
    if (it != r->params.end()) param_number(it->second, x);
    xs.push_back(x);
    ys.push_back(latest_of(*r, scatter_metric_));
  }
  plot::scatter_plot("scatter-plot", xs, ys, labels, scatter_param_.c_str(), scatter_metric_.c_str(), scatter_log_x_,
                     ImGui::GetContentRegionAvail().y - 2);
  ImGui::EndChild();
}

void CompareView::draw_group_table(const std::vector<const Run*>& runs, const ExplorerState& st) {
  if (group_by_.empty()) return;
  section_title(("Grouped by " + group_by_ + ": mean \xC2\xB1 std of the latest values").c_str());
  std::map<std::string, std::vector<const Run*>> groups;
  for (const Run* r : runs) groups[param_of(*r, group_by_)].push_back(r);
  std::vector<std::string> metrics = st.metric_columns;
  if (metrics.empty()) metrics = metric_keys_;
  if (metrics.size() > 8) metrics.resize(8);
  if (ImGui::BeginTable("groups", int(metrics.size()) + 2, ImGuiTableFlags_Borders | ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingFixedFit)) {
    ImGui::TableSetupColumn(group_by_.c_str());
    ImGui::TableSetupColumn("runs");
    for (const auto& m : metrics) ImGui::TableSetupColumn(m.c_str());
    ImGui::TableHeadersRow();
    for (const auto& [value, members] : groups) {
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(value.c_str());
      ImGui::TableNextColumn();
      ImGui::Text("%zu", members.size());
      for (const auto& m : metrics) {
        std::vector<double> vals;
        for (const Run* r : members) vals.push_back(latest_of(*r, m));
        MeanStd s = mean_std(vals);
        ImGui::TableNextColumn();
        if (s.n == 0) ImGui::TextDisabled("-");
        else if (s.n == 1) ImGui::Text("%.4g", s.mean);
        else ImGui::Text("%.4g \xC2\xB1 %.2g", s.mean, s.std);
      }
    }
    ImGui::EndTable();
  }
}

void CompareView::configure(const nlohmann::json& c) {
  if (c.contains("smoothing")) smoothing_ = std::clamp(c["smoothing"].get<float>(), 0.0f, 0.99f);
  if (c.contains("log_y")) log_y_ = c["log_y"].get<bool>();
  if (c.contains("group_by")) group_by_ = c["group_by"].get<std::string>();
  if (c.contains("metrics")) {
    chart_metrics_ = c["metrics"].get<std::vector<std::string>>();
    metrics_chosen_ = true;
  }
  signature_.clear();
}

void CompareView::draw(AppContext& ctx, ExplorerState& st) {
  std::vector<const Run*> runs;
  for (const Run* r : st.rows.runs)
    if (st.is_selected(r->info.run_id)) runs.push_back(r);
  if (runs.empty()) {
    ImGui::Spacing();
    ImGui::TextWrapped("Select runs in the table to compare them: tick their boxes, or click one and shift-click another "
                       "to select a range (ctrl-click adds single runs).");
    ImGui::Spacing();
    if (st.rows.runs.size() >= 2) draw_parallel_and_scatter(runs, st);
    return;
  }
  char smooth[16];
  std::snprintf(smooth, sizeof smooth, "%.2f", smoothing_);
  std::string sig = std::to_string(st.rows_version) + "|" + smooth + "|" + group_by_ + "|";
  for (const Run* r : runs) sig += r->info.run_id.substr(0, 8);
  if (metrics_chosen_)  // default picks depend only on the runs, which the signature already holds
    for (const auto& k : chart_metrics_) sig += "|" + k;
  if (sig != signature_) prepare(runs, sig);
  selected_ = runs.size();

  draw_controls(runs, st);
  draw_charts();
  draw_params_diff(runs);
  draw_parallel_and_scatter(runs, st);
  draw_group_table(runs, st);
  (void)ctx;
}

}  // namespace lab::app::runs
