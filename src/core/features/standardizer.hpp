#pragma once
// Fitted on training rows only, then applied identically to test rows and at serving time.
#include <nlohmann/json.hpp>
#include <vector>

#include "core/models/matrix.hpp"

namespace lab {

struct Standardizer {
  std::vector<double> mean, scale;

  static Standardizer fit(const DenseMatrix& X);
  void apply(DenseMatrix& X) const;
  nlohmann::json to_json() const { return {{"mean", mean}, {"scale", scale}}; }
};

}  // namespace lab
