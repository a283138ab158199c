// Invariant 2: the same inputs and seed give bit-identical numbers natively and in wasm.
// These expectations were recorded from the native build; the wasm build runs the same file
// under Node, so a drift in either shows up here as an exact mismatch.
#include <catch2/catch.hpp>

#include "support/double_bits.hpp"
#include <cstdio>
#include <cstring>

#include "core/data/loan_generator.hpp"
#include "core/pipeline/train_job.hpp"

using namespace lab;
using labtest::bits;


TEST_CASE("loan data and LR metrics are bit-identical across platforms") {
  Table t = generate_loan_dataset({3000, 42});
  TrainJob job(t, TrainRequest{});
  while (!job.done()) job.step();
  TrainResult r = job.evaluate();
  auto coef = job.model_json()["model"]["coefficients"];
  INFO("hash " << content_hash(t) << " acc " << bits(r.accuracy) << " auc " << bits(r.roc_auc) << " logloss "
               << bits(r.log_loss) << " coef0 " << bits(coef[0].get<double>()));
  CHECK(content_hash(t) == "42d8594d94da500ca0d5012ec9ebdd440cbee59b493c67bb6a158d649a826e42");
  CHECK(bits(r.accuracy) == "3fe93a06d3a06d3a");
  CHECK(bits(r.roc_auc) == "3feb5fc621a373ea");
  CHECK(bits(r.log_loss) == "3fddaf6f76f9c8b1");
  CHECK(bits(coef[0].get<double>()) == "bfa01557492f583e");
}
