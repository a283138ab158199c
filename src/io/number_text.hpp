#pragma once
#include <string>

namespace lab {

// Shortest text that reads back to exactly the same double (like Python's repr, which MLflow
// uses for metric files): "0.5", "0.8734", "1e-05", "nan", "inf".
std::string shortest_double(double v);

}  // namespace lab
