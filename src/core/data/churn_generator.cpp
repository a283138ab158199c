#include "core/data/churn_generator.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>

#include "core/data/generator_columns.hpp"
#include "core/math/det_math.hpp"
#include "core/math/rng.hpp"

namespace lab {

const char* const kChurnGeneratingProcess =
    "Each row is one telco customer (fields as in IBM's Telco Customer Churn data).\n"
    "  gender 50/50; SeniorCitizen Yes 16%; Partner Yes 48%; Dependents Yes 45% with a partner, 10% without.\n"
    "  Contract: Month-to-month 55%, One year 21%, Two year 24%.\n"
    "  tenure (months, 0..72) ~ exponential with mean 18 (month-to-month), 40 (one year), 55 (two year).\n"
    "  PhoneService Yes 90%; MultipleLines Yes 45% of phone customers (else No, or No phone service).\n"
    "  InternetService: Fiber optic 44%, DSL 34%, No 22%. Each add-on (OnlineSecurity, OnlineBackup,\n"
    "    DeviceProtection, TechSupport, StreamingTV, StreamingMovies) Yes 30-45% of internet customers,\n"
    "    'No internet service' for the others.\n"
    "  PaperlessBilling Yes 59%; PaymentMethod: Electronic check 34%, Mailed check 23%,\n"
    "    Bank transfer (automatic) 22%, Credit card (automatic) 21%.\n"
    "  MonthlyCharges = 20 + 5 phone + 5 multiple lines + (25 DSL | 50 fiber) + 5 per security/backup/\n"
    "    protection/support add-on + 10 per streaming add-on + normal(0, 2), rounded to 0.05.\n"
    "  TotalCharges = tenure x MonthlyCharges x uniform(0.9, 1.1); missing (empty) for tenure 0, as in the\n"
    "    original data (new customers have not been billed yet).\n"
    "  Churn ~ Bernoulli(sigmoid(z)) with\n"
    "    z = -2.5 + 1.2 [Month-to-month] - 1.3 [Two year] - 0.035 (tenure - 30) + 0.8 [Fiber optic]\n"
    "        - 0.5 [OnlineSecurity Yes] - 0.5 [TechSupport Yes] + 0.5 [Electronic check]\n"
    "        + 0.3 [PaperlessBilling Yes] + 0.3 [SeniorCitizen Yes] - 0.2 [Dependents Yes]\n"
    "        + 0.01 (MonthlyCharges - 65).\n"
    "  About a quarter of customers churn. The coin flip is the honest noise: logistic regression on\n"
    "  one-hot features, which can express the true rule, reaches a ROC AUC of only about 0.80.";

namespace {
double round_to(double v, double step) { return std::floor(v / step + 0.5) * step; }
}  // namespace

Table generate_churn_dataset(const ChurnGeneratorOptions& opt) {
  if (opt.rows < 10 || opt.rows > 1'000'000)
    throw std::invalid_argument("rows must be between 10 and 1,000,000 (got " + std::to_string(opt.rows) + ")");
  const size_t n = size_t(opt.rows);
  Rng rng(opt.seed);
  const std::vector<std::string> yes_no = {"No", "Yes"};
  const std::vector<std::string> addon = {"No", "No internet service", "Yes"};

  Table t;
  Column id = gen::categorical("customerID", "customer identifier (not a feature)", {});
  id.role = ColumnRole::Id;
  t.columns.push_back(id);
  t.columns.push_back(gen::categorical("gender", "customer gender", {"Female", "Male"}));
  t.columns.push_back(gen::categorical("SeniorCitizen", "65 or older", yes_no));
  t.columns.push_back(gen::categorical("Partner", "has a partner", yes_no));
  t.columns.push_back(gen::categorical("Dependents", "has dependents", yes_no));
  t.columns.push_back(gen::numeric("tenure", "months as a customer", 0, 72));
  t.columns.push_back(gen::categorical("PhoneService", "has phone service", yes_no));
  t.columns.push_back(gen::categorical("MultipleLines", "more than one phone line", {"No", "No phone service", "Yes"}));
  t.columns.push_back(gen::categorical("InternetService", "internet service type", {"DSL", "Fiber optic", "No"}));
  const char* addons[] = {"OnlineSecurity", "OnlineBackup", "DeviceProtection", "TechSupport", "StreamingTV",
                          "StreamingMovies"};
  const double addon_p[] = {0.35, 0.42, 0.42, 0.35, 0.45, 0.45};
  for (const char* a : addons) t.columns.push_back(gen::categorical(a, "internet add-on subscribed", addon));
  t.columns.push_back(gen::categorical("Contract", "contract term", {"Month-to-month", "One year", "Two year"}));
  t.columns.push_back(gen::categorical("PaperlessBilling", "receives bills electronically", yes_no));
  t.columns.push_back(gen::categorical("PaymentMethod", "how the customer pays",
                                       {"Bank transfer (automatic)", "Credit card (automatic)", "Electronic check",
                                        "Mailed check"}));
  t.columns.push_back(gen::numeric("MonthlyCharges", "current monthly bill in dollars", 0, 1000));
  t.columns.push_back(gen::numeric("TotalCharges", "total billed so far in dollars (empty for new customers)", 0,
                                   std::numeric_limits<double>::infinity()));
  Column churn = gen::categorical("Churn", "Yes = the customer left within the last month", yes_no);
  churn.role = ColumnRole::Target;
  t.columns.push_back(churn);
  for (auto& c : t.columns) c.values.reserve(n);
  auto col = [&](const char* name) -> std::vector<double>& { return t.find(name)->values; };
  const char* id_letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";

  std::vector<std::string> ids;
  ids.reserve(n);
  for (size_t i = 0; i < n; ++i) {
    // customerID like the original's "7590-VHVEG": the row number keeps it unique.
    std::string cid = std::to_string(1000 + i % 9000) + "-";
    for (int k = 0; k < 5; ++k) cid += id_letters[rng.below(26)];
    cid += std::to_string(i / 9000);
    ids.push_back(cid);

    bool senior = rng.bernoulli(0.16), partner = rng.bernoulli(0.48);
    bool dependents = rng.bernoulli(partner ? 0.45 : 0.10);
    double u = rng.uniform();
    int contract = u < 0.55 ? 0 : (u < 0.76 ? 1 : 2);
    const double mean_tenure[] = {18.0, 40.0, 55.0};
    double tenure = std::min(72.0, std::floor(-mean_tenure[contract] * det::log(1.0 - rng.uniform())));
    bool phone = rng.bernoulli(0.90);
    bool multi = phone && rng.bernoulli(0.45);
    u = rng.uniform();
    int internet = u < 0.44 ? 1 : (u < 0.78 ? 0 : 2);  // 0 DSL, 1 Fiber optic, 2 No
    bool has_addon[6];
    double monthly = 20.0 + (phone ? 5.0 : 0.0) + (multi ? 5.0 : 0.0);
    if (internet != 2) monthly += internet == 0 ? 25.0 : 50.0;
    for (int a = 0; a < 6; ++a) {
      has_addon[a] = internet != 2 && rng.bernoulli(addon_p[a]);
      if (has_addon[a]) monthly += a < 4 ? 5.0 : 10.0;
    }
    monthly = std::max(18.25, round_to(monthly + rng.normal(0.0, 2.0), 0.05));
    bool paperless = rng.bernoulli(0.59);
    u = rng.uniform();
    int pay = u < 0.34 ? 2 : (u < 0.57 ? 3 : (u < 0.79 ? 0 : 1));  // codes in the sorted category order
    double total = tenure == 0 ? std::nan("") : round_to(tenure * monthly * rng.uniform(0.9, 1.1), 0.001);

    double z = -2.5 + (contract == 0 ? 1.2 : 0.0) - (contract == 2 ? 1.3 : 0.0) - 0.035 * (tenure - 30.0) +
               (internet == 1 ? 0.8 : 0.0) - (has_addon[0] ? 0.5 : 0.0) - (has_addon[3] ? 0.5 : 0.0) +
               (pay == 2 ? 0.5 : 0.0) + (paperless ? 0.3 : 0.0) + (senior ? 0.3 : 0.0) - (dependents ? 0.2 : 0.0) +
               0.01 * (monthly - 65.0);

    col("gender").push_back(rng.bernoulli(0.5) ? 1.0 : 0.0);
    col("SeniorCitizen").push_back(senior);
    col("Partner").push_back(partner);
    col("Dependents").push_back(dependents);
    col("tenure").push_back(tenure);
    col("PhoneService").push_back(phone);
    col("MultipleLines").push_back(!phone ? 1.0 : (multi ? 2.0 : 0.0));
    col("InternetService").push_back(double(internet));
    for (int a = 0; a < 6; ++a) col(addons[a]).push_back(internet == 2 ? 1.0 : (has_addon[a] ? 2.0 : 0.0));
    col("Contract").push_back(double(contract));
    col("PaperlessBilling").push_back(paperless);
    col("PaymentMethod").push_back(double(pay));
    col("MonthlyCharges").push_back(monthly);
    col("TotalCharges").push_back(total);
    col("Churn").push_back(rng.bernoulli(det::sigmoid(z)) ? 1.0 : 0.0);
  }
  // Categories in sorted order (as the CSV importer orders them), codes follow.
  std::vector<size_t> order(n);
  for (size_t i = 0; i < n; ++i) order[i] = i;
  std::sort(order.begin(), order.end(), [&](size_t a, size_t b) { return ids[a] < ids[b] || (ids[a] == ids[b] && a < b); });
  Column& idc = *t.find("customerID");
  idc.categories.resize(n);
  idc.values.assign(n, 0.0);
  for (size_t k = 0; k < n; ++k) {
    idc.categories[k] = ids[order[k]];
    idc.values[order[k]] = double(k);
  }
  return t;
}

}  // namespace lab
