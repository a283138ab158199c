// Invariant 2 for the data layer: generators, the CSV importer (strtod in glibc vs musl), the
// feature pipeline and a churn model give bit-identical results natively and in wasm.
// Expectations recorded from the native build; the wasm build runs this file under Node.
#include <catch2/catch.hpp>

#include "support/double_bits.hpp"
#include <cstdio>
#include <cstring>

#include "core/data/dataset_catalog.hpp"
#include "core/pipeline/train_job.hpp"

using namespace lab;
using labtest::bits;


TEST_CASE("datasets and a churn model are bit-identical across platforms") {
  CHECK(content_hash(make_dataset("churn", 2000, 42)) == "724ed8e2e1a863aca6a15dc116176ef0a8fd2ab60d8c09c01862b35bac3e9624");
  CHECK(content_hash(make_dataset("production_hours", 2000, 42)) == "7d0656dc69b0363923d2d18bd65e08334cabe6f8e0e49a1cec7d510847f898a1");
  CHECK(content_hash(make_dataset("iris", 0, 0)) == "5d797ffe6cbae7619c912c4ba0fb6b24f136318a8a33d00a8c845e031651828d");
  CHECK(content_hash(make_dataset("breast_cancer", 0, 0)) == "c839ac1cb1c63ea0bad221a690e78a576632c2191b9dc677c70d0e7e60bf4dbc");
  TrainRequest req;
  req.features = {{"derived", {{{"name", "avg_bill"}, {"op", "ratio"}, {"a", "TotalCharges"}, {"b", "tenure"}},
                               {{"name", "log_total"}, {"op", "log1p"}, {"a", "TotalCharges"}}}},
                  {"bins", {{{"column", "MonthlyCharges"}, {"n_bins", 5}}}}};
  TrainJob job(make_dataset("churn", 3000, 7), req);
  while (!job.done()) job.step();
  TrainResult r = job.evaluate();
  CHECK(bits(r.roc_auc) == "3fea950d3b847f2b");
  CHECK(bits(r.log_loss) == "3fdbbe1ba91fb559");
}
