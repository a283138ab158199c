#pragma once
// Row-major dense matrix over a plain contiguous array: hot loops over it vectorise in both
// g++ and em++ (-msimd128), which Eigen 3.4 does not do for wasm.
#include <cstddef>
#include <vector>

namespace lab {

struct DenseMatrix {
  size_t rows = 0, cols = 0;
  std::vector<double> data;

  DenseMatrix() = default;
  DenseMatrix(size_t r, size_t c) : rows(r), cols(c), data(r * c, 0.0) {}
  double* row(size_t i) { return data.data() + i * cols; }
  const double* row(size_t i) const { return data.data() + i * cols; }
  double& at(size_t i, size_t j) { return data[i * cols + j]; }
  double at(size_t i, size_t j) const { return data[i * cols + j]; }
};

}  // namespace lab
