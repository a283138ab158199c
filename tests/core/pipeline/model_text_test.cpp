// The model document written in bounded pieces (core/pipeline/model_text.*) is the document
// model_json().dump(2) writes at once, byte for byte, however small the pieces.
#include <catch2/catch.hpp>

#include <algorithm>

#include "core/data/dataset_catalog.hpp"
#include "core/pipeline/model_text.hpp"

using namespace lab;

TEST_CASE("a model's text comes in pieces of bounded values and equals the document dumped at once") {
  Table t = make_dataset("churn", 1500, 4);
  for (const char* algo : {"random_forest", "logistic_regression", "hist_gbdt"}) {
    TrainRequest req;
    req.algo = algo;
    if (req.algo == "random_forest") req.params = {{"n_estimators", 3}, {"max_depth", 4}};
    if (req.algo == "hist_gbdt") req.params = {{"n_estimators", 5}};
    TrainJob job(t, req);
    job.evaluate();
    INFO(algo);
    const std::string whole = job.model_json().dump(2);
    CHECK(ModelTextWriter(job).all() == whole);
    for (size_t per_piece : {size_t(1), size_t(7), size_t(100)}) {
      ModelTextWriter w(job);
      std::string text;
      size_t pieces = 0, most_items = 0;
      while (!w.done()) {
        w.write_next(text, per_piece);
        ++pieces;
        most_items = std::max(most_items, w.item());
      }
      CHECK(text == whole);
      CHECK(most_items == (req.algo == "random_forest" ? 3u : 0u));
      if (per_piece == 1) CHECK(pieces > 20);  // a number per piece
    }
  }
}
