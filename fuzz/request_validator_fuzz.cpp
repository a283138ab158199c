// libFuzzer target: any bytes, parsed as JSON when they can be, must validate against an inference
// contract without crashing, hanging or leaking; every reply must serialise.
#include <cstddef>
#include <cstdint>
#include <string>

#include "core/serve/contract.hpp"

namespace {
lab::InferenceContract make_contract() {
  lab::Schema s;
  for (const char* n : {"tenure", "MonthlyCharges", "TotalCharges"}) {
    lab::ColumnSchema c;
    c.name = n;
    c.min = 0;
    c.max = 100;
    c.integer_valued = std::string(n) == "tenure";
    s.columns.push_back(c);
  }
  lab::ColumnSchema contract;
  contract.name = "Contract";
  contract.type = lab::ColumnType::Categorical;
  contract.categories = {"Month-to-month", "One year", "Two year"};
  s.columns.push_back(contract);
  return lab::derive_contract(s, {"tenure", "MonthlyCharges", "TotalCharges", "Contract"});
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const lab::InferenceContract contract = make_contract();
  auto j = nlohmann::json::parse(data, data + size, nullptr, false);
  if (j.is_discarded()) return 0;
  lab::ValidationResult r = lab::validate_request(contract, j);
  (void)r.to_json().dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  return 0;
}
