// The model document written a tree per unit (core/pipeline/model_text.*) is the document
// model_json().dump(2) writes at once, byte for byte, and loads back to the same predictions.
#include <catch2/catch.hpp>

#include "core/data/dataset_catalog.hpp"
#include "core/pipeline/model_text.hpp"

using namespace lab;

TEST_CASE("a forest's model text is built a tree per call and equals the document dumped at once") {
  Table t = make_dataset("churn", 1500, 4);
  for (const char* algo : {"random_forest", "logistic_regression"}) {
    TrainRequest req;
    req.algo = algo;
    if (req.algo == "random_forest") req.params = {{"n_estimators", 3}, {"max_depth", 4}};
    TrainJob job(t, req);
    job.evaluate();
    ModelTextWriter w(job);
    int calls = 0;
    while (!w.done()) w.add_next(), ++calls;
    INFO(algo);
    CHECK(calls == (req.algo == "random_forest" ? 3 : 0));
    const std::string text = w.take();
    CHECK(text == job.model_json().dump(2));
  }
}
