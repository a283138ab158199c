#include "core/eda/pca_map.hpp"

#include <algorithm>
#include <stdexcept>
#include <string>

#include "core/features/feature_pipeline.hpp"

namespace lab {

PcaMap pca_map(const Table& t, const PcaMapOptions& opt) {
  std::vector<std::string> inputs;
  for (const Column* c : t.features()) inputs.push_back(c->name);
  if (inputs.empty())
    throw std::invalid_argument("the PCA map needs feature columns; every column is the target, an id or ignored (Data module: roles)");
  if (t.rows() < 2) throw std::invalid_argument("the PCA map needs at least 2 rows");
  PcaMap m;
  m.rows_total = t.rows();
  const size_t cap = std::max<size_t>(opt.max_rows, 2);
  m.stride = (t.rows() + cap - 1) / cap;
  for (size_t r = 0; r < t.rows(); r += m.stride) m.rows.push_back(r);
  // The training pipeline's defaults: median / most frequent imputation, standard scaling, one-hot.
  const FeaturePipeline p = FeaturePipeline::fit(t, m.rows, inputs);
  m.columns = p.output_names();
  m.sources = p.output_sources();
  const DenseMatrix X = p.transform(t, m.rows);
  if (X.cols < 2) throw std::invalid_argument("the PCA map needs at least two numbers per row; this data gives " + std::to_string(X.cols));
  m.pca = principal_components(X, std::min(opt.components, X.cols));
  if (m.pca.total_variance <= 0)
    throw std::invalid_argument("every feature column is constant over these rows: there is no spread for a PCA map to show");
  return m;
}

}  // namespace lab
