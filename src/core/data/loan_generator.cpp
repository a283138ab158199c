#include "core/data/loan_generator.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>

#include "core/math/det_math.hpp"
#include "core/math/rng.hpp"

namespace lab {

const char* const kLoanGeneratingProcess =
    "Each row is one loan application.\n"
    "  age ~ uniform 21..70 years; employment_years ~ exponential(mean 6), at most age - 18.\n"
    "  income ~ log-normal around 55,000 (+2% per employment year), spread 0.45.\n"
    "  credit_score ~ normal(660 + 3 per employment year, sd 60), clipped to 300..850.\n"
    "  debt_to_income ~ normal(0.30, 0.10) clipped to 0.01..0.90.\n"
    "  loan_amount ~ income x uniform(0.1, 0.6), rounded to 500.\n"
    "  approved ~ Bernoulli(sigmoid(z)) with\n"
    "    z = 0.4 + 0.025 (credit_score - 680) + 1.5 ln(income / 55000) - 10 (debt_to_income - 0.30)\n"
    "        - 3 (loan_amount / income - 0.35) + 0.05 min(employment_years, 10).\n"
    "  The coin flip is the honest noise: even the true rule is right only about 80% of the time.";

namespace {
double round_to(double v, double step) { return std::floor(v / step + 0.5) * step; }
double clip(double v, double lo, double hi) { return std::min(hi, std::max(lo, v)); }
}  // namespace

Table generate_loan_dataset(const LoanGeneratorOptions& opt) {
  if (opt.rows < 10 || opt.rows > 1'000'000)
    throw std::invalid_argument("rows must be between 10 and 1,000,000 (got " + std::to_string(opt.rows) + ")");
  const size_t n = size_t(opt.rows);
  Rng rng(opt.seed);

  Table t;
  auto add = [&](const char* name, ColumnRole role, const char* desc) -> std::vector<double>& {
    Column c;
    c.name = name;
    c.role = role;
    c.description = desc;
    c.values.reserve(n);
    t.columns.push_back(std::move(c));
    return t.columns.back().values;
  };
  // Reserve the whole vector first: `add` returns references into it.
  t.columns.reserve(7);
  auto& age = add("age", ColumnRole::Feature, "applicant age in years");
  auto& income = add("income", ColumnRole::Feature, "annual income in dollars");
  auto& credit = add("credit_score", ColumnRole::Feature, "FICO-style credit score, 300-850");
  auto& dti = add("debt_to_income", ColumnRole::Feature, "monthly debt payments / monthly income");
  auto& emp = add("employment_years", ColumnRole::Feature, "years with current employer");
  auto& amount = add("loan_amount", ColumnRole::Feature, "requested loan amount in dollars");
  auto& approved = add("approved", ColumnRole::Target, "1 = loan approved, 0 = declined");

  for (size_t i = 0; i < n; ++i) {
    double a = double(21 + rng.below(50));
    double e = round_to(std::min(a - 18.0, -6.0 * det::log(1.0 - rng.uniform())), 0.1);
    double inc = round_to(55000.0 * det::exp(0.02 * e + 0.45 * rng.normal()), 100.0);
    double cs = std::floor(clip(rng.normal(660.0 + 3.0 * e, 60.0), 300.0, 850.0));
    double d = round_to(clip(rng.normal(0.30, 0.10), 0.01, 0.90), 0.001);
    double amt = std::max(500.0, round_to(inc * rng.uniform(0.1, 0.6), 500.0));
    double z = 0.4 + 0.025 * (cs - 680.0) + 1.5 * det::log(inc / 55000.0) - 10.0 * (d - 0.30) -
               3.0 * (amt / inc - 0.35) + 0.05 * std::min(e, 10.0);
    age.push_back(a);
    emp.push_back(e);
    income.push_back(inc);
    credit.push_back(cs);
    dti.push_back(d);
    amount.push_back(amt);
    approved.push_back(rng.bernoulli(det::sigmoid(z)) ? 1.0 : 0.0);
  }
  // Documented ranges, checked by the quality checks (they hold by construction here).
  auto range = [&](const char* name, double lo, double hi) {
    Column* c = t.find(name);
    c->valid_min = lo;
    c->valid_max = hi;
  };
  range("age", 18, 120);
  range("income", 0, std::numeric_limits<double>::infinity());
  range("credit_score", 300, 850);
  range("debt_to_income", 0, 1);
  range("employment_years", 0, 80);
  range("loan_amount", 0, std::numeric_limits<double>::infinity());
  return t;
}

}  // namespace lab
