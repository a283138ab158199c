#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "io/store_archive.hpp"
#include "io/tar_archive.hpp"
#include "support/temp_store.hpp"

using namespace lab;
namespace fs = std::filesystem;

namespace {
fs::path fresh(const char* name) { return labtest::fresh_store(std::string("lab_test_") + name); }
std::map<std::string, std::string> snapshot(const fs::path& root) {
  std::map<std::string, std::string> out;
  for (const auto& e : fs::recursive_directory_iterator(root)) {
    std::string rel = fs::relative(e.path(), root).generic_string();
    if (e.is_directory()) { out[rel + "/"] = ""; continue; }
    std::ifstream f(e.path(), std::ios::binary);
    std::stringstream s;
    s << f.rdbuf();
    out[rel] = s.str();
  }
  return out;
}
void fill(FileStore& s, FixedClock& clock) {
  s.ensure_default_experiment();
  s.create_experiment("200000000000000002", "churn");
  for (int i = 0; i < 3; ++i) {
    std::string id(32, char('a' + i));
    clock.t += 100;
    s.create_run(i == 0 ? "0" : "200000000000000002", id, "run " + std::to_string(i), "ana");
    LogBatch b;
    b.params = {{"C", std::to_string(i)}};
    for (int step = 0; step < 50; ++step) b.metrics.push_back({"loss/train", 1.0 / (step + 1 + i), clock.t + step, step});
    s.log_batch(id, b);
    s.write_artifact(id, "model/model.json", std::string(700 + i, 'x'));  // spans two tar blocks
    s.end_run(id, RunStatus::Finished);
  }
  s.delete_run(std::string(32, 'b'));
  s.create_experiment("300000000000000003", "old");
  s.delete_experiment("300000000000000003");
}
}  // namespace

TEST_CASE("tar: what we write we read back, long paths included") {
  std::string long_dir(120, 'd');
  std::vector<tar::Entry> in = {{"mlruns", true, ""},
                                {"mlruns/a.txt", false, "hello"},
                                {"mlruns/" + long_dir + "/x", false, std::string(1025, '\0')},
                                {"mlruns/" + std::string(300, 'p'), false, "pax"},
                                {"mlruns/empty", false, ""}};
  std::string bytes = tar::write(in, 1700000000);
  REQUIRE(bytes.size() % 512 == 0);
  auto out = tar::read(bytes);
  REQUIRE(out.size() == in.size());
  for (size_t i = 0; i < in.size(); ++i) {
    REQUIRE(out[i].path == in[i].path);
    REQUIRE(out[i].is_dir == in[i].is_dir);
    REQUIRE(out[i].content == in[i].content);
  }
  REQUIRE_THROWS_WITH(tar::read("hello"), Catch::Contains("not a tar archive"));
  REQUIRE_THROWS_WITH(tar::read(std::string(1024, 'x')), Catch::Contains("not a tar archive"));
  REQUIRE_THROWS_WITH(tar::read(bytes.substr(0, 1536 + 512 + 100)), Catch::Contains("truncated"));
  std::string damaged = bytes;
  damaged[512 * 3 + 3] ^= 1;  // inside the third header (blocks: dir, a.txt, its data, x)
  REQUIRE_THROWS_WITH(tar::read(damaged), Catch::Contains("checksum"));
}

TEST_CASE("export then import into an empty store gives every byte back") {
  FixedClock clock;
  FileStore a(fresh("export_src"), clock);
  fill(a, clock);
  std::string archive = export_store(a, {}, clock.t);
  REQUIRE(export_store(a, {}, clock.t) == archive);  // reproducible

  // A fresh store (like a new browser profile) already has its own Default experiment.
  FixedClock later;
  later.t += 999999;
  fs::path dst = fresh("export_dst");
  FileStore b(dst, later);
  b.ensure_default_experiment();
  ImportReport r = import_store(b, archive);
  REQUIRE(r.runs == 3);
  REQUIRE(r.experiments == 3);
  REQUIRE(snapshot(dst) == snapshot(a.root()));
  // Importing the same archive again changes nothing.
  ImportReport again = import_store(b, archive);
  REQUIRE(again.files_written == 0);
  REQUIRE(snapshot(dst) == snapshot(a.root()));
}

TEST_CASE("export of chosen experiments and refusals that protect stored runs") {
  FixedClock clock;
  FileStore a(fresh("export_sel"), clock);
  fill(a, clock);
  std::string only_churn = export_store(a, {"200000000000000002"}, clock.t);
  for (const auto& e : tar::read(only_churn)) REQUIRE(e.path.rfind("mlruns/0/", 0) != 0);

  fs::path dst = fresh("import_conflict");
  FileStore b(dst, clock);
  b.ensure_default_experiment();
  b.create_experiment("400000000000000004", "churn");  // same name, other id
  auto before = snapshot(dst);
  REQUIRE_THROWS_WITH(import_store(b, only_churn), Catch::Contains("clashes with the stored experiment"));
  REQUIRE(snapshot(dst) == before);  // nothing written

  std::vector<tar::Entry> evil = {{"mlruns/0/../../escape", false, "x"}};
  REQUIRE_THROWS_WITH(import_store(b, tar::write(evil, 0)), Catch::Contains("unsafe path"));
  std::vector<tar::Entry> other = {{"photos/cat.jpg", false, "x"}};
  REQUIRE_THROWS_WITH(import_store(b, tar::write(other, 0)), Catch::Contains("not an archive exported by the lab"));
  REQUIRE(snapshot(dst) == before);
}
