#pragma once
// `lab drift`: the data drift report between two CSV files (core/monitor/drift_report.hpp).
#include <map>
#include <string>

namespace lab {

#define LAB_DRIFT_USAGE                                                                                     \
  "  lab drift --reference REF.csv --current CUR.csv [--columns A,B] [--drift-share 0.5] [--json]\n"       \
  "      data drift per column with Evidently's default tests (K-S / chi-squared / Z up to 1,000\n"         \
  "      reference rows, normed Wasserstein / Jensen-Shannon above): column, type, test, statistic,\n"      \
  "      p_value or distance, threshold, drifted; then the share of drifted columns and dataset_drift.\n"   \
  "      Exits 0 whether or not the data drifted; 2 when the files cannot be compared.\n"

int drift_command(const std::map<std::string, std::string>& flags);

}  // namespace lab
