#pragma once
// Limited-memory BFGS for smooth convex objectives, driven one iteration at a time so a learner
// can expose each iteration as a training step. Plain loops over std::vector (no Eigen) so the
// native and wasm builds produce the same bits.
#include <cstddef>
#include <functional>
#include <vector>

namespace lab {

class Lbfgs {
 public:
  // Returns f(x) and writes the gradient into grad (already sized like x).
  using Objective = std::function<double(const std::vector<double>& x, std::vector<double>& grad)>;

  explicit Lbfgs(size_t memory = 10) : memory_(memory) {}
  void start(std::vector<double> x0, const Objective& f);
  // One quasi-Newton iteration with a backtracking (Armijo) line search. Returns false when no
  // step decreases f any more: x is then optimal to the precision of floating point.
  bool iterate(const Objective& f);

  const std::vector<double>& x() const { return x_; }
  double value() const { return f_; }
  double max_abs_gradient() const;
  int iterations() const { return iter_; }

 private:
  void direction(std::vector<double>& d) const;  // two-loop recursion: d = -H g

  size_t memory_;
  std::vector<double> x_, g_;
  double f_ = 0;
  int iter_ = 0;
  std::vector<std::vector<double>> s_, y_;  // most recent last
  std::vector<double> rho_;
};

}  // namespace lab
