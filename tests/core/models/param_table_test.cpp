// One declaration per parameter, bound to a typed field (core/models/param_table.hpp).
#include <catch2/catch.hpp>

#include <algorithm>

#include "core/models/decision_tree.hpp"
#include "core/models/learner_registry.hpp"
#include "core/models/random_forest.hpp"
#include "core/models/param_table.hpp"

using namespace lab;

namespace {
struct Inner {
  int depth = 0;
};
struct Outer {
  double rate = 0;
  long iters = 0;
  std::string mode;
  Inner inner;
};
}  // namespace

TEST_CASE("a parameter table reads typed fields, writes them back and shares nested declarations") {
  ParamTable<Inner> shared = ParamTable<Inner>().integer("depth", &Inner::depth, 3, 0, 10, "how deep");
  ParamTable<Outer> t = ParamTable<Outer>()
                            .real("rate", &Outer::rate, 0.1, 0.0, 1.0, "step size", true)
                            .integer("iters", &Outer::iters, -1L, -1, 1e6, "iterations")
                            .choice("mode", &Outer::mode, "fast", {"fast", "exact"}, "how")
                            .include(&Outer::inner, shared)
                            .help("depth", "outer's own words");
  REQUIRE(t.specs().size() == 4);
  CHECK(t.specs()[0].log_scale);
  CHECK(t.specs()[3].help == "outer's own words");
  CHECK(shared.specs()[0].help == "how deep");  // the shared declaration is unchanged

  nlohmann::json resolved = resolve_params(t.specs(), {{"rate", 0.25}, {"depth", 7}});
  Outer o = t.read(resolved);
  CHECK(o.rate == 0.25);
  CHECK(o.iters == -1);
  CHECK(o.mode == "fast");
  CHECK(o.inner.depth == 7);
  CHECK(t.write(o) == resolved);
  CHECK(t.read(nlohmann::json::object()).inner.depth == 3);  // absent (older documents): the default
  CHECK_THROWS_WITH(resolve_params(t.specs(), {{"depth", 11}}), Catch::Contains("between 0 and 10"));
}

TEST_CASE("every learner logs exactly the params it resolved, read through its typed fields") {
  for (const std::string& algo : known_algos()) {
    CAPTURE(algo);
    const auto& specs = param_specs_for(algo);
    nlohmann::json resolved = resolve_params(specs, {});
    auto m = make_learner(algo, {});
    // The model document's params come from the typed fields, so a name spelled differently in
    // the declaration and the field binding could not survive this round trip.
    CHECK(m->to_json()["params"] == resolved);
  }
}

TEST_CASE("decision tree and random forest share one declaration of the split settings") {
  const auto& shared = tree_split_params_table().specs();
  for (const auto* specs : {&DecisionTree::param_specs(), &RandomForest::param_specs()})
    for (const ParamSpec& s : shared) {
      const ParamSpec* found = nullptr;
      for (const auto& t : *specs)
        if (t.name == s.name) found = &t;
      REQUIRE(found);
      CHECK(found->min == s.min);
      CHECK(found->max == s.max);
      CHECK(found->default_number == s.default_number);
      CHECK(found->choices == s.choices);
    }
}

TEST_CASE("what a parameter's 0 stands for is declared with the parameter, and the spec carries it to the panel") {
  // SVM's gamma 0 is scikit-learn's "scale" rule: the Train panel shows these words instead of
  // "0.000", from the declaration (it used to spell them itself, keyed on "svm" and "gamma").
  const std::vector<ParamSpec>& svm = param_specs_for("svm");
  auto gamma = std::find_if(svm.begin(), svm.end(), [](const ParamSpec& s) { return s.name == "gamma"; });
  REQUIRE(gamma != svm.end());
  CHECK(gamma->zero_means == "scale: 1/(features × variance)");
  CHECK(to_json(*gamma)["zero_means"] == gamma->zero_means);
  // The panel draws the words as an ImGui format: a '%' would be read as a conversion.
  for (const std::string& algo : known_algos())
    for (const ParamSpec& s : param_specs_for(algo)) {
      INFO(algo << "." << s.name);
      CHECK(s.zero_means.find('%') == std::string::npos);
      if (s.name != "gamma" || algo != "svm") CHECK_FALSE(to_json(s).contains("zero_means"));
    }
  ParamTable<Outer> t = ParamTable<Outer>().real("rate", &Outer::rate, 0.1, 0.0, 1.0, "step").zero_means("rate", "auto");
  CHECK(t.specs()[0].zero_means == "auto");
}

TEST_CASE("a parameter that matters for one choice says so: SVM's gamma only with kernel rbf") {
  const std::vector<ParamSpec>& svm = param_specs_for("svm");
  auto gamma = std::find_if(svm.begin(), svm.end(), [](const ParamSpec& s) { return s.name == "gamma"; });
  REQUIRE(gamma != svm.end());
  CHECK(param_applies(*gamma, {{"kernel", "rbf"}, {"gamma", 0.1}}));
  CHECK_FALSE(param_applies(*gamma, {{"kernel", "linear"}, {"gamma", 0.1}}));
  CHECK(param_applies(*gamma, nlohmann::json::object()));  // no kernel given: its default may be rbf
  CHECK(to_json(*gamma)["only_when"] == nlohmann::json{{"kernel", "rbf"}});
  // Every declared condition names a choice parameter of the same learner and one of its choices.
  for (const std::string& algo : known_algos())
    for (const ParamSpec& s : param_specs_for(algo)) {
      if (s.only_when_param.empty()) continue;
      INFO(algo << "." << s.name);
      const auto& specs = param_specs_for(algo);
      auto on = std::find_if(specs.begin(), specs.end(), [&](const ParamSpec& o) { return o.name == s.only_when_param; });
      REQUIRE(on != specs.end());
      CHECK(on->kind == ParamSpec::Kind::Choice);
      CHECK(std::find(on->choices.begin(), on->choices.end(), s.only_when_value) != on->choices.end());
    }
}
