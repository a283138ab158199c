// Invariant 2 for tuning: the same seed gives the same trials, bit for bit, natively and in wasm
// (sampled params through det::log/exp, folds, subsamples, CV scores). Recorded from the native
// build; the wasm run of this file must match exactly.
#include <catch2/catch.hpp>

#include "core/data/dataset_catalog.hpp"
#include "core/math/sha256.hpp"
#include "core/tune/tune_job.hpp"
#include "support/double_bits.hpp"

using namespace lab;

TEST_CASE("a tune's leaderboard is bit-identical across platforms", "[tune][cross_platform]") {
  Table data = make_dataset("loan", 500, 5);
  TuneRequest req;
  req.algo = "hist_gbdt";
  req.strategy = "halving";
  req.trials = 9;
  req.cv = 3;
  req.seed = 7;
  req.max_resources = 27;
  TuneControl control;
  const TuneResult t = run_tune(data, req, control);
  std::string text;
  for (const auto& trial : t.trials) {
    text += trial.params.dump() + " " + labtest::bits(trial.mean) + " " + labtest::bits(trial.std) + "\n";
  }
  const std::string digest = sha256_hex(text);
  INFO(text << "digest " << digest << " best " << labtest::bits(t.best().mean));
  CHECK(labtest::bits(t.best().mean) == "3fe99a33c8cdfe1d");
  CHECK(digest == "69b4dac11e5532660d0fef91a941df56d6513993ab0affd4908cd6e9ad81a694");
}
