#include "core/serve/request_presets.hpp"

namespace lab {

using nlohmann::json;

namespace {

// The loan workshop (module 5, real-time scoring): one applicant, written here in our own words.
const char* kLoanExample = R"json({
  "age": 35, "income": 62000, "credit_score": 705, "debt_to_income": 0.28, "employment_years": 6.5,
  "loan_amount": 15000
})json";

// The churn lab's model endpoint example input (a flat object of customer attributes).
const char* kChurnExample = R"json({
  "StreamingTV": "No", "MonthlyCharges": 70.35, "PhoneService": "No", "PaperlessBilling": "No",
  "Partner": "No", "OnlineBackup": "No", "gender": "Female", "Contract": "Month-to-month",
  "TotalCharges": 1397.475, "StreamingMovies": "No", "DeviceProtection": "No",
  "PaymentMethod": "Bank transfer (automatic)", "tenure": 29, "Dependents": "No", "OnlineSecurity": "No",
  "MultipleLines": "No", "InternetService": "DSL", "SeniorCitizen": "No", "TechSupport": "No"
})json";

// The iris API guide's /predict example, and the request its virginica test sends.
const char* kIrisExample = R"({"sepal_length": 5.1, "sepal_width": 3.5, "petal_length": 1.4, "petal_width": 0.2})";
const char* kIrisSecond = R"({"sepal_length": 7.0, "sepal_width": 3.2, "petal_length": 4.7, "petal_width": 1.4})";

json with(json features, const char* field, json value) {
  features[field] = std::move(value);
  return features;
}
json without(json features, const char* field) {
  features.erase(field);
  return features;
}

std::vector<RequestPreset> make_presets() {
  const json loan = json::parse(kLoanExample), churn = json::parse(kChurnExample), iris = json::parse(kIrisExample),
             iris2 = json::parse(kIrisSecond);
  const std::string loan_src = "the loan workshop's real-time scoring demo: one applicant";
  const std::string churn_src = "the churn lab's example request for the model endpoint";
  const std::string iris_src = "the iris API guide's /predict example";
  auto features = [](json f) { return json{{"features", std::move(f)}}; };
  std::vector<RequestPreset> p;
  p.push_back({"Loan example", loan_src,
               "A 35-year-old applicant earning 62,000 with a 705 credit score asks for 15,000: a valid request.",
               features(loan), loan, {}});
  p.push_back({"Loan: negative income", loan_src + ", income made negative",
               "income = -62000: the contract rejects a negative value for a field that never was negative.",
               features(with(loan, "income", -62000)), loan, {{"income", "negative"}}});
  p.push_back({"Loan: missing credit score", loan_src + ", credit_score removed",
               "No credit_score: a required field is missing.", features(without(loan, "credit_score")), loan,
               {{"credit_score", "missing"}}});
  p.push_back({"Loan: credit score as text", loan_src + ", credit_score written as a word",
               "credit_score = \"good\": text where a number is expected.", features(with(loan, "credit_score", "good")), loan,
               {{"credit_score", "wrong_type"}}});
  p.push_back({"Loan: impossible credit score", loan_src + ", credit_score far above the scale",
               "credit_score = 990: beyond the 300-850 scale the model was trained on.",
               features(with(loan, "credit_score", 990)), loan, {{"credit_score", "out_of_range"}}});
  p.push_back({"Loan: extra field", loan_src + ", with a field the model does not read",
               "zip_code is not in the contract: the prediction comes back with a warning that it was ignored.",
               features(with(loan, "zip_code", "94110")), loan, {}});
  p.push_back({"Churn example", churn_src, "A DSL customer on a month-to-month contract: a valid request, sent flat as in the lab.",
               churn, churn, {}});
  p.push_back({"Churn: negative value", churn_src + ", MonthlyCharges made negative",
               "MonthlyCharges = -70.35: the contract rejects negative values for a field that never was negative.",
               with(churn, "MonthlyCharges", -70.35), churn, {{"MonthlyCharges", "negative"}}});
  p.push_back({"Churn: missing field", churn_src + ", tenure removed", "No tenure: a required field is missing.",
               without(churn, "tenure"), churn, {{"tenure", "missing"}}});
  p.push_back({"Churn: wrong type", churn_src + ", tenure as text", "tenure = \"29 months\": text where a number is expected.",
               with(churn, "tenure", "29 months"), churn, {{"tenure", "wrong_type"}}});
  p.push_back({"Churn: unknown category", churn_src + ", Contract changed", "Contract = \"Three year\": a category the model never saw.",
               with(churn, "Contract", "Three year"), churn, {{"Contract", "unknown_category"}}});
  p.push_back({"Iris example", iris_src, "A setosa-like flower: a valid request.", features(iris), iris, {}});
  p.push_back({"Iris second example", "the iris API guide's test_predict_virginica request",
               "Longer petals: a valid request the guide's test sends.", features(iris2), iris, {}});
  p.push_back({"Iris: negative value", iris_src + ": the first invalid input of its exercise",
               "sepal_length = -1: a negative measurement.", features(with(iris, "sepal_length", -1)), iris,
               {{"sepal_length", "negative"}}});
  p.push_back({"Iris: missing fields", iris_src + ": the second invalid input of its exercise",
               "Only sepal_length: every missing field is named.",
               features(json{{"sepal_length", 5.1}}), iris,
               {{"sepal_width", "missing"}, {"petal_length", "missing"}, {"petal_width", "missing"}}});
  p.push_back({"Iris: wrong type", iris_src + ", petal_width as text", "petal_width = \"wide\": text where a number is expected.",
               features(with(iris, "petal_width", "wide")), iris, {{"petal_width", "wrong_type"}}});
  return p;
}

std::string join(const std::vector<std::string>& v, size_t max_items = 6) {
  std::string out;
  for (size_t i = 0; i < v.size() && i < max_items; ++i) out += (out.empty() ? "" : ", ") + v[i];
  if (v.size() > max_items) out += " and " + std::to_string(v.size() - max_items) + " more";
  return out;
}
}  // namespace

const std::vector<RequestPreset>& request_presets() {
  static const std::vector<RequestPreset> presets = make_presets();
  return presets;
}

PresetFit preset_fit(const RequestPreset& preset, const InferenceContract& contract) {
  std::vector<std::string> absent, mistyped;
  for (const auto& f : contract.fields) {
    if (!preset.base.contains(f.name)) {
      absent.push_back(f.name);
      continue;
    }
    const json& v = preset.base[f.name];
    if (f.type == ColumnType::Numeric) {
      if (!v.is_number()) mistyped.push_back(f.name + " (the model reads a number)");
      continue;
    }
    bool known = false;
    if (v.is_string())
      for (const auto& c : f.categories) known = known || c == v.get<std::string>();
    if (!known) mistyped.push_back(f.name + " = " + v.dump() + " (the model knows " + join(f.categories, 4) + ")");
  }
  if (!absent.empty())
    return {false, "The deployed model needs " + join(absent) + ", which this example does not have: it was written for " +
                       (preset.base.contains("sepal_length") ? "an iris model" : preset.base.contains("credit_score") ? "a loan model" : "a churn model") + "."};
  if (!mistyped.empty()) return {false, "The example's values do not match the deployed model: " + join(mistyped, 3) + "."};
  if (preset.expected_errors.empty()) return {true, "Fits the deployed contract: expect a prediction."};
  std::string fields;
  for (const auto& e : preset.expected_errors) fields += (fields.empty() ? "" : ", ") + e.field + " (" + e.kind + ")";
  return {true, "Fits the deployed contract: expect a 422 naming " + fields + "."};
}

json presets_json(const InferenceContract& contract) {
  json out = json::array();
  for (const auto& p : request_presets()) {
    PresetFit fit = preset_fit(p, contract);
    json expected = json::array();
    for (const auto& e : p.expected_errors) expected.push_back({{"field", e.field}, {"kind", e.kind}});
    out.push_back({{"name", p.name}, {"source", p.source}, {"description", p.description}, {"request", p.request},
                   {"valid", p.expected_errors.empty()}, {"expected_errors", expected}, {"fits", fit.fits},
                   {"reason", fit.reason}});
  }
  return out;
}

}  // namespace lab
