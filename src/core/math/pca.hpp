#pragma once
// Principal components of a dense matrix (rows = observations), as scikit-learn's PCA computes
// them: the data centred per column, the covariance with n - 1, its eigenvectors by Eigen's
// SelfAdjointEigenSolver, largest variance first. Each component's sign is fixed (its largest
// |loading| positive, the first such on a tie) so native and wasm, and repeated runs, agree.
#include <cstddef>
#include <vector>

#include "core/models/matrix.hpp"

namespace lab {

struct PrincipalComponents {
  std::vector<double> mean;                        // per column
  std::vector<std::vector<double>> components;     // [k][columns], unit length
  std::vector<double> explained_variance;          // per component (eigenvalue of the covariance)
  std::vector<double> explained_variance_ratio;    // of the total variance
  double total_variance = 0;                       // trace of the covariance
  std::vector<std::vector<double>> scores;         // [k][rows]: each row's coordinate along component k
};

// Throws std::invalid_argument for fewer than 2 rows, no columns, or k outside 1..columns.
PrincipalComponents principal_components(const DenseMatrix& X, size_t k);

}  // namespace lab
