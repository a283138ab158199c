#pragma once
// Solves A x = b for a small symmetric positive-definite A (row-major k x k) by Cholesky.
// Written out plainly instead of Eigen: Eigen's SSE path (native) and scalar path (wasm) sum in
// different orders, which would break bit-identical results across the two builds.
#include <cstddef>
#include <vector>

namespace lab {

// Returns false if A is not positive definite. A is overwritten by its factor.
bool cholesky_solve(std::vector<double>& A, std::vector<double>& b, size_t k);

}  // namespace lab
