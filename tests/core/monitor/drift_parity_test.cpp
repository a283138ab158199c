// Invariant 2 for monitoring: two weeks of simulated covariate drift on the loan data and the
// drift report of the last day against the training rows give bit-identical numbers natively
// and in wasm. The expected bits were recorded from the native build; the wasm build runs this
// file under Node, so a difference in either (the simulator's draws, K-S, chi-squared,
// Wasserstein, Jensen-Shannon) is an exact mismatch here.
#include <catch2/catch.hpp>

#include <map>
#include <sstream>

#include "core/data/dataset_catalog.hpp"
#include "core/monitor/drift_report.hpp"
#include "core/monitor/traffic_simulator.hpp"
#include "support/double_bits.hpp"

using namespace lab;
using labtest::bits;

namespace {

// The requests of one day as a table with the pool's column types (what the monitor's window
// table does with the request log).
Table day_table(const Table& pool, const std::vector<std::string>& fields, const SimulationPlan& plan, int day) {
  Table t;
  std::vector<std::map<std::string, int>> codes(fields.size());
  for (const auto& f : fields) {
    Column c;
    c.name = f;
    for (const auto& p : pool.columns)
      if (p.name == f) c.type = p.type;
    t.columns.push_back(c);
  }
  for (const auto& r : plan.requests) {
    if (r.day != day || !r.broken.empty()) continue;
    const auto& features = r.request["features"];
    for (size_t k = 0; k < fields.size(); ++k) {
      Column& c = t.columns[k];
      const auto& x = features[fields[k]];
      if (c.type == ColumnType::Numeric) {
        c.values.push_back(x.get<double>());
      } else {
        auto [it, added] = codes[k].emplace(x.get<std::string>(), int(c.categories.size()));
        if (added) c.categories.push_back(x.get<std::string>());
        c.values.push_back(it->second);
      }
    }
  }
  return t;
}

std::string fingerprint(const DriftReport& r) {
  std::ostringstream os;
  for (const auto& c : r.columns)
    os << c.column << ' ' << bits(c.statistic) << ' ' << (c.p_value ? bits(*c.p_value) : "-") << ' ' << c.drifted << '\n';
  os << "share " << bits(r.share);
  return os.str();
}

}  // namespace

TEST_CASE("a covariate-drift story and its drift reports are bit-identical across platforms", "[monitor][parity]") {
  Table pool = make_dataset("loan", 2000, 11);
  std::vector<std::string> fields;
  for (const auto& c : pool.columns)
    if (c.role == ColumnRole::Feature) fields.push_back(c.name);
  SimulationSpec spec;
  spec.scenario = "covariate_drift";
  spec.days = 14;
  spec.requests = 1400;
  spec.seed = 3;
  SimulationPlan plan = simulate_traffic(pool, fields, true, spec);
  REQUIRE(plan.feature == "income");
  Table last_day = day_table(pool, fields, plan, 13);

  // Above 1,000 reference rows: normed Wasserstein and Jensen-Shannon; up to 1,000: K-S, chi-squared.
  DriftReport wide = drift_report(pool, last_day, DriftOptions{}, fields);
  Table small = pool;
  for (auto& c : small.columns) c.values.resize(800);
  DriftReport narrow = drift_report(small, last_day, DriftOptions{}, fields);
  INFO("wide\n" << fingerprint(wide) << "\nnarrow\n" << fingerprint(narrow));
  CHECK(fingerprint(wide) ==
        "age 3fb42fd25e5ea63e - 0\n"
        "income 3fe2f4c9e1dc8032 - 1\n"
        "credit_score 3fc62a102a347bcd - 1\n"
        "debt_to_income 3fc208681df9b83d - 1\n"
        "employment_years 3fb8aed063be5350 - 0\n"
        "loan_amount 3fd87375a180c12a - 1\n"
        "share 3fe5555555555555");
  CHECK(fingerprint(narrow) ==
        "age 3fb199999999999a 3fe8cbcc34527764 0\n"
        "income 3fd23d70a3d70a3d 3ea92e731210ebaf 1\n"
        "credit_score 3fbccccccccccccd 3fc96e9d4a190634 0\n"
        "debt_to_income 3fb47ae147ae147b 3fe325397cb83000 0\n"
        "employment_years 3fb6666666666666 3fdef422eb395a17 0\n"
        "loan_amount 3fc47ae147ae147b 3f93a8dddc56ed83 1\n"
        "share 3fd5555555555555");
}
