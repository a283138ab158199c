#include "core/data/production_hours_generator.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>

#include "core/data/generator_columns.hpp"
#include "core/math/det_math.hpp"
#include "core/math/rng.hpp"

namespace lab {

namespace {
// Sorted by name (the CSV importer's category order); hours per unit and typical monthly volume.
struct CostCenter {
  const char* name;
  double hours_per_unit, volume;
};
const CostCenter kCenters[] = {
    {"Assembly", 1.2, 2400}, {"Machining", 2.0, 1500}, {"Molding", 0.6, 5000}, {"Packaging", 0.3, 6000},
    {"Painting", 0.8, 2200}, {"Quality", 0.4, 3000},   {"Welding", 1.6, 1200},
};
// Monthly demand factor: a summer dip and a pre-holiday peak.
const double kSeason[12] = {0.95, 0.97, 1.03, 1.02, 1.00, 0.96, 0.80, 0.85, 1.05, 1.10, 1.15, 1.02};
double round_to(double v, double step) { return std::floor(v / step + 0.5) * step; }
double clip(double v, double lo, double hi) { return std::min(hi, std::max(lo, v)); }
}  // namespace

const char* const kProductionHoursGeneratingProcess =
    "Each row is one cost center in one month of a factory.\n"
    "  cost_center: one of Assembly, Machining, Molding, Packaging, Painting, Quality, Welding (equally often),\n"
    "    each with its own hours per unit (0.3 Packaging .. 2.0 Machining) and typical volume.\n"
    "  month 1..12; season factor: summer dip (Jul 0.80, Aug 0.85), pre-holiday peak (Nov 1.15).\n"
    "  planned_units = volume x season x lognormal(0, 0.25), rounded.\n"
    "  new_product_share ~ uniform(0, 0.3): new products take longer (learning curve).\n"
    "  machine_availability ~ normal(0.90, 0.05) clipped to 0.6..1.0.\n"
    "  scrap_rate ~ normal(0.03, 0.015) clipped to 0..0.15: scrapped units are made again.\n"
    "  changeovers ~ uniform whole number 0..20, each costing 6 hours of setup.\n"
    "  headcount = planned hours / 150 x uniform(0.85, 1.15), at least 1 (it follows the plan: no extra signal).\n"
    "  production_hours = planned_units x hours_per_unit x (1 + 0.8 new_product_share) x (1 + scrap_rate)\n"
    "      / sqrt(machine_availability) + 6 changeovers, times lognormal(0, 0.08) noise, rounded to 0.1.\n"
    "  The 8% multiplicative noise is what no model can predict.";

Table generate_production_hours_dataset(const ProductionHoursOptions& opt) {
  if (opt.rows < 10 || opt.rows > 1'000'000)
    throw std::invalid_argument("rows must be between 10 and 1,000,000 (got " + std::to_string(opt.rows) + ")");
  const size_t n = size_t(opt.rows);
  Rng rng(opt.seed);
  Table t;
  std::vector<std::string> names;
  for (const auto& c : kCenters) names.push_back(c.name);
  t.columns.push_back(gen::categorical("cost_center", "the factory department", names));
  t.columns.push_back(gen::numeric("month", "calendar month, 1..12", 1, 12));
  t.columns.push_back(gen::numeric("planned_units", "units planned for the month", 0));
  t.columns.push_back(gen::numeric("new_product_share", "share of units that are new products", 0, 1));
  t.columns.push_back(gen::numeric("machine_availability", "share of scheduled machine time available", 0, 1));
  t.columns.push_back(gen::numeric("scrap_rate", "share of units scrapped and remade", 0, 1));
  t.columns.push_back(gen::numeric("changeovers", "line changeovers in the month", 0));
  t.columns.push_back(gen::numeric("headcount", "operators assigned", 0));
  Column y = gen::numeric("production_hours", "hours worked in the month (the forecast target)", 0);
  y.role = ColumnRole::Target;
  t.columns.push_back(y);
  for (auto& c : t.columns) c.values.reserve(n);

  for (size_t i = 0; i < n; ++i) {
    size_t cc = size_t(rng.below(std::size(kCenters)));
    int month = 1 + int(rng.below(12));
    double units = std::max(1.0, round_to(kCenters[cc].volume * kSeason[month - 1] * det::exp(0.25 * rng.normal()), 1.0));
    double new_share = round_to(rng.uniform(0.0, 0.3), 0.001);
    double avail = round_to(clip(rng.normal(0.90, 0.05), 0.6, 1.0), 0.001);
    double scrap = round_to(clip(rng.normal(0.03, 0.015), 0.0, 0.15), 0.001);
    double changeovers = double(rng.below(21));
    double planned_hours = units * kCenters[cc].hours_per_unit;
    double headcount = std::max(1.0, std::floor(planned_hours / 150.0 * rng.uniform(0.85, 1.15) + 0.5));
    double hours = planned_hours * (1.0 + 0.8 * new_share) * (1.0 + scrap) / std::sqrt(avail) + 6.0 * changeovers;
    hours = round_to(hours * det::exp(0.08 * rng.normal()), 0.1);
    const double row[] = {double(cc), double(month), units, new_share, avail, scrap, changeovers, headcount, hours};
    for (size_t c = 0; c < t.columns.size(); ++c) t.columns[c].values.push_back(row[c]);
  }
  return t;
}

}  // namespace lab
