#include <catch2/catch.hpp>
#include <filesystem>

#include "io/registry_store.hpp"
#include "io/text_file.hpp"

using namespace lab;
namespace fs = std::filesystem;

TEST_CASE("the registry round-trips through MLflow's registry layout") {
  fs::path root = fs::temp_directory_path() / "lab_registry_roundtrip";
  fs::remove_all(root);
  FixedClock clock;
  Registry r(clock);
  Lineage lin;
  lin.dataset_name = "loan";
  lin.dataset_hash = "42d8594d94da";
  lin.params = {{"C", "1.0"}};
  lin.metrics = {{"roc_auc", 0.8554}};
  r.create_version("loan-approval", "0123456789abcdef0123456789abcdef", "runs:/0123/model", lin, "ana");
  r.create_version("loan-approval", "fedcba9876543210fedcba9876543210", "runs:/fedc/model", lin, "ana");
  r.set_alias("loan-approval", "champion", 1, "");
  r.set_alias("loan-approval", "champion", 2, "better");
  r.transition_stage("loan-approval", 2, "Production", "go live", true);
  r.set_model_card("loan-approval", 2, {"pre-screen loan applications", "synthetic loan data", "AUC 0.86", "synthetic"});

  RegistryStore store(root);
  store.save(r.model("loan-approval"));
  REQUIRE(read_text_file(root / "models" / "loan-approval" / "aliases" / "champion") == "2");
  std::string meta = read_text_file(root / "models" / "loan-approval" / "version-2" / "meta.yaml");
  REQUIRE(meta.find("current_stage: Production\n") != std::string::npos);
  REQUIRE(meta.find("version: 2\n") != std::string::npos);
  REQUIRE(meta.find("run_id: fedcba9876543210fedcba9876543210\n") != std::string::npos);

  auto loaded = RegistryStore(root).load_all();
  REQUIRE(loaded.size() == 1);
  const RegisteredModel& m = loaded.at("loan-approval");
  REQUIRE(m.versions.size() == 2);
  REQUIRE(m.aliases.at("champion") == 2);
  REQUIRE(m.find(2)->stage == "Production");
  REQUIRE(m.find(2)->card.intended_use == "pre-screen loan applications");
  REQUIRE(m.find(1)->lineage.metrics.at("roc_auc") == 0.8554);
  REQUIRE(m.history.size() == r.model("loan-approval").history.size());

  // Rollback works on the reloaded registry too: the history came back with it.
  Registry again(clock);
  again.restore(loaded);
  REQUIRE(again.rollback_alias("loan-approval", "champion", "") == 1);
}
