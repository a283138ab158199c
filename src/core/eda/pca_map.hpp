#pragma once
// The PCA map of a dataset for the Explore module: its feature columns made numeric the way the
// training pipeline does by default (numbers: missing values filled with the median, then
// standardised to mean 0 and sd 1; categories: one 0/1 column per category), then the first
// principal components (core/math/pca.hpp). Large tables are sampled evenly (every k-th row) so
// the map costs a bounded amount of work; the reply says how many rows it used.
#include <cstddef>
#include <string>
#include <vector>

#include "core/data/table.hpp"
#include "core/math/pca.hpp"

namespace lab {

struct PcaMapOptions {
  size_t components = 2;
  size_t max_rows = 20000;  // above this, every k-th row
};

struct PcaMap {
  std::vector<std::string> columns;  // the numeric columns (pipeline output names: "tenure", "Contract=One year")
  std::vector<std::string> sources;  // the participant's column each came from
  size_t rows_total = 0, stride = 1;
  std::vector<size_t> rows;          // the table rows used, ascending
  PrincipalComponents pca;           // scores[k][i] belongs to rows[i]
};

// Throws std::invalid_argument (with what to do) for no feature columns, fewer than 2 rows, or
// every feature column constant.
PcaMap pca_map(const Table& t, const PcaMapOptions& opt = {});

}  // namespace lab
