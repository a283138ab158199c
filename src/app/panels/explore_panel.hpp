#pragma once
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "app/panels/panel.hpp"
#include "app/plot/bar_chart.hpp"
#include "core/eda/describe.hpp"

namespace lab::app {

class ExplorePanel : public Panel {
 public:
  const char* title() const override { return "Explore"; }
  const char* subtitle() const override { return "distributions, correlations"; }
  void draw(AppContext& ctx) override;
  void attach(AppContext& ctx) override;  // registers ui.explore (tests read the PCA map shown)

 private:
  void draw_pca(AppContext& ctx, float half, bool two_columns);
  void refresh(const Table& t, const std::string& hash);
  void pick_informative_pair(const Table& t);
  // Everything below is recomputed only when the dataset or a selection changes, so a
  // million-row table does not cost a full pass every frame.
  std::string cached_hash_;
  int feature_ = 0, bins_ = 20, scatter_x_ = 0, scatter_y_ = 1;
  int cached_feature_ = -1, cached_bins_ = -1;
  std::vector<ColumnSummary> summaries_;
  CorrelationMatrix corr_;
  plot::BarChartData target_bars_, feature_bars_;
  std::vector<int> class_of_row_;
  std::vector<std::string> class_names_;
  // The PCA map (explore.pca), once asked for; recomputed when the dataset changes.
  bool pca_shown_ = false;
  nlohmann::json pca_;
  std::string pca_hash_, pca_error_;
  std::vector<double> pca_x_, pca_y_;
  std::vector<int> pca_class_;
};

}  // namespace lab::app
