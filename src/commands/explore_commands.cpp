// The Explore area: the PCA map of the dataset the lab holds (core/eda/pca_map.hpp).
#include <algorithm>
#include <cmath>

#include "commands/command_areas.hpp"
#include "commands/json_args.hpp"
#include "commands/session.hpp"
#include "core/eda/pca_map.hpp"

namespace lab {

using nlohmann::json;

namespace {

json pca(const Session& s, const json& a) {
  const auto& d = s.dataset();
  if (!d) throw std::invalid_argument("no dataset yet: generate or import one (data.generate, data.import_csv) first");
  const int64_t components = args::integer(a, "components", 2);
  if (components < 2 || components > 10) throw std::invalid_argument("field 'components' must be between 2 and 10");
  const int64_t max_rows = args::integer(a, "max_rows", 20000);
  if (max_rows < 100 || max_rows > 1000000) throw std::invalid_argument("field 'max_rows' must be between 100 and 1000000");
  const int64_t top = args::integer(a, "top", 5);
  if (top < 1) throw std::invalid_argument("field 'top' must be at least 1");
  const bool points = a.value("points", false);

  const PcaMap m = pca_map(d->table, {size_t(components), size_t(max_rows)});
  json comps = json::array();
  for (size_t c = 0; c < m.pca.components.size(); ++c) {
    const auto& v = m.pca.components[c];
    std::vector<size_t> order(v.size());
    for (size_t j = 0; j < order.size(); ++j) order[j] = j;
    std::stable_sort(order.begin(), order.end(), [&](size_t x, size_t y) { return std::fabs(v[x]) > std::fabs(v[y]); });
    json loadings = json::array();
    for (size_t k = 0; k < order.size() && k < size_t(top); ++k)
      loadings.push_back({{"column", m.columns[order[k]]}, {"source", m.sources[order[k]]}, {"loading", v[order[k]]}});
    comps.push_back({{"component", c + 1},
                     {"explained_variance", m.pca.explained_variance[c]},
                     {"explained_variance_ratio", m.pca.explained_variance_ratio[c]},
                     {"loadings", loadings},
                     {"vector", v}});
  }
  json out = {{"dataset", d->name},
              {"hash", d->hash},
              {"rows", m.rows_total},
              {"rows_used", m.rows.size()},
              {"stride", m.stride},
              {"columns", m.columns},
              {"total_variance", m.pca.total_variance},
              {"components", comps},
              {"encoding", "feature columns as the training pipeline makes them by default: numbers with missing values "
                           "filled by the median, then standardised (mean 0, sd 1); categories one 0/1 column each"}};
  if (m.stride > 1)
    out["note"] = "mapped from one row in every " + std::to_string(m.stride) + " (" + std::to_string(m.rows.size()) + " of " +
                  std::to_string(m.rows_total) + ") to keep it quick";
  if (points) out["points"] = {{"x", m.pca.scores[0]}, {"y", m.pca.scores[1]}, {"row", m.rows}};
  return out;
}

}  // namespace

void register_explore_commands(Dispatcher& d, Session& s) {
  d.add("explore.pca",
        "the PCA map of the dataset: {components?: 2, max_rows?: 20000, top?: 5, points?: false} -> explained variance "
        "(and its share) per component, the top loadings, and with points: each used row's coordinates (x, y, row)",
        [&s](const json& a) { return pca(s, a); });
}

}  // namespace lab
