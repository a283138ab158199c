// Export/import with artifact URIs pointed at the folder an archive is unpacked to: exactly
// the expected meta.yaml lines change, every other byte stays.
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "io/artifact_uri_rewrite.hpp"
#include "io/file_uri.hpp"
#include "io/registry_store.hpp"
#include "io/store_archive.hpp"
#include "io/tar_archive.hpp"
#include "support/temp_store.hpp"

using namespace lab;
namespace fs = std::filesystem;

namespace {

const std::string kExp = "200000000000000002", kOld = "300000000000000003";
const std::string kRunA(32, 'a'), kRunB(32, 'b'), kRunC(32, 'c');

// Two experiments (one deleted), three runs (one deleted), two registry versions: one with
// the lab's runs:/ source, one with a local source inside its run (as MLflow itself writes).
void fill(FileStore& s, FixedClock& clock) {
  s.ensure_default_experiment();
  s.create_experiment(kExp, "churn");
  for (const std::string& id : {kRunA, kRunB, kRunC}) {
    clock.t += 100;
    s.create_run(id == kRunA ? "0" : kExp, id, "run " + id.substr(0, 1), "ana");
    s.log_param(id, "C", "0.5");
    s.write_artifact(id, "model/model.json", "{}");
    s.end_run(id, RunStatus::Finished);
  }
  s.delete_run(kRunB);
  s.create_experiment(kOld, "old");
  s.delete_experiment(kOld);
  RegisteredModel m;
  m.name = "churn-model";
  m.created_ms = m.updated_ms = clock.t;
  ModelVersion v1;
  v1.version = 1;
  v1.run_id = kRunC;
  v1.source = "runs:/" + kRunC + "/model";
  ModelVersion v2 = v1;
  v2.version = 2;
  v2.source = local_file_uri((s.root() / kExp / kRunC / "artifacts" / "model").string());
  m.versions = {v1, v2};
  RegistryStore(s.root()).save(m);
}

std::map<std::string, std::string> files_of(const std::string& archive) {
  std::map<std::string, std::string> out;
  for (const auto& e : tar::read(archive)) out[e.path] = e.is_dir ? "<dir>" : e.content;
  return out;
}

std::map<std::string, std::string> snapshot(const fs::path& root) {
  std::map<std::string, std::string> out;
  for (const auto& e : fs::recursive_directory_iterator(root)) {
    if (!e.is_regular_file()) continue;
    std::ifstream f(e.path(), std::ios::binary);
    std::stringstream ss;
    ss << f.rdbuf();
    out[fs::relative(e.path(), root).generic_string()] = ss.str();
  }
  return out;
}

// The lines of `b` that differ from `a` (same line count expected).
std::vector<std::string> changed_lines(const std::string& a, const std::string& b) {
  std::vector<std::string> la, lb, out;
  std::stringstream sa(a), sb(b);
  for (std::string l; std::getline(sa, l);) la.push_back(l);
  for (std::string l; std::getline(sb, l);) lb.push_back(l);
  REQUIRE(la.size() == lb.size());
  for (size_t i = 0; i < la.size(); ++i)
    if (la[i] != lb[i]) out.push_back(lb[i]);
  return out;
}

}  // namespace

TEST_CASE("local file URIs are written the way MLflow writes them (pathlib as_uri)") {
  REQUIRE(local_file_uri("/lab/mlruns/0") == "file:///lab/mlruns/0");
  REQUIRE(local_file_uri("/home/me/lab export/mlruns") == "file:///home/me/lab%20export/mlruns");
  REQUIRE(local_file_uri("/tmp/a#b?c%d~e_f-g.h") == "file:///tmp/a%23b%3Fc%25d~e_f-g.h");
  REQUIRE(local_file_uri("/home/\xc3\xa9t\xc3\xa9") == "file:///home/%C3%A9t%C3%A9");
  REQUIRE(local_file_uri("C:\\Users\\me\\mlruns") == "file:///C:/Users/me/mlruns");

  REQUIRE(is_local_uri("file:///lab/mlruns/0"));
  REQUIRE(is_local_uri("/abs/path"));
  REQUIRE(is_local_uri("./mlruns/0"));
  REQUIRE(is_local_uri("C:/Users/me"));
  REQUIRE_FALSE(is_local_uri("runs:/" + kRunA + "/model"));
  REQUIRE_FALSE(is_local_uri("mlflow-artifacts:/0/abc/artifacts"));
  REQUIRE_FALSE(is_local_uri("s3://bucket/0"));
}

TEST_CASE("the artifact root must be an absolute folder path, with a clear message otherwise") {
  REQUIRE(normalize_artifact_root("/home/me/lab-export/mlruns/") == "/home/me/lab-export/mlruns");
  REQUIRE(normalize_artifact_root("  /home/me/x  ") == "/home/me/x");
  REQUIRE(normalize_artifact_root("C:\\Users\\me\\mlruns\\") == "C:/Users/me/mlruns");
  REQUIRE(normalize_artifact_root("/") == "/");
  REQUIRE_THROWS_WITH(normalize_artifact_root("mlruns"), Catch::Contains("not an absolute path") && Catch::Contains("/home/me/lab-export/mlruns"));
  REQUIRE_THROWS_WITH(normalize_artifact_root("./export/mlruns"), Catch::Contains("not an absolute path"));
  REQUIRE_THROWS_WITH(normalize_artifact_root("~/export/mlruns"), Catch::Contains("'~'"));
  REQUIRE_THROWS_WITH(normalize_artifact_root("file:///home/me/mlruns"), Catch::Contains("is a URI"));
  REQUIRE_THROWS_WITH(normalize_artifact_root("   "), Catch::Contains("empty"));
  REQUIRE_THROWS_WITH(normalize_artifact_root("/home/me\n/x"), Catch::Contains("control character"));
}

TEST_CASE("export with an artifact root changes exactly the artifact lines; without it every byte is as stored") {
  FixedClock clock;
  FileStore a(labtest::fresh_store("lab_test_uri_src"), clock);
  fill(a, clock);
  const std::string dest = "/home/me/lab export/mlruns";
  const std::string base = "file:///home/me/lab%20export/mlruns";
  std::string plain = export_store(a, {}, clock.t);
  size_t rewritten = 0;
  std::string moved = export_store(a, {}, clock.t, dest + "/", &rewritten);
  auto before = files_of(plain), after = files_of(moved);
  REQUIRE(before.size() == after.size());

  // file -> the one line expected to change (the values hold '%', so YAML quotes them)
  std::map<std::string, std::string> expected = {
      {"mlruns/0/meta.yaml", "artifact_location: '" + base + "/0'"},
      {"mlruns/" + kExp + "/meta.yaml", "artifact_location: '" + base + "/" + kExp + "'"},
      {"mlruns/.trash/" + kOld + "/meta.yaml", "artifact_location: '" + base + "/" + kOld + "'"},
      {"mlruns/0/" + kRunA + "/meta.yaml", "artifact_uri: '" + base + "/0/" + kRunA + "/artifacts'"},
      {"mlruns/" + kExp + "/" + kRunB + "/meta.yaml", "artifact_uri: '" + base + "/" + kExp + "/" + kRunB + "/artifacts'"},
      {"mlruns/" + kExp + "/" + kRunC + "/meta.yaml", "artifact_uri: '" + base + "/" + kExp + "/" + kRunC + "/artifacts'"},
  };
  const std::string v2 = "mlruns/models/churn-model/version-2/meta.yaml";
  const std::string v2_source = base + "/" + kExp + "/" + kRunC + "/artifacts/model";
  REQUIRE(rewritten == expected.size() + 1);
  for (const auto& [path, content] : before) {
    INFO(path);
    REQUIRE(after.count(path));
    if (expected.count(path)) {
      REQUIRE(changed_lines(content, after[path]) == std::vector<std::string>{expected[path]});
    } else if (path == v2) {
      REQUIRE(changed_lines(content, after[path]) ==
              std::vector<std::string>{"source: '" + v2_source + "'", "storage_location: '" + v2_source + "'"});
    } else {
      REQUIRE(after[path] == content);  // params, metrics, tags, artifacts, the runs:/ version, lab extras
    }
  }
  REQUIRE(before.count("mlruns/models/churn-model/version-1/meta.yaml"));

  // The rewritten archive names the store's folder again when imported back into it: nothing changes.
  auto stored = snapshot(a.root());
  ImportReport back = import_store(a, moved, a.root().string());
  REQUIRE(back.files_written == 0);
  REQUIRE(snapshot(a.root()) == stored);
}

TEST_CASE("import points artifact URIs at the receiving store; 'keep' lands every byte as archived") {
  FixedClock clock;
  FileStore a(labtest::fresh_store("lab_test_uri_from"), clock);
  fill(a, clock);
  std::string archive = export_store(a, {}, clock.t);

  FileStore b(labtest::fresh_store("lab_test_uri_to"), clock);
  ImportReport r = import_store(b, archive, b.root().string());
  REQUIRE(r.uris_rewritten == 7);
  auto src = snapshot(a.root()), dst = snapshot(b.root());
  REQUIRE(src.size() == dst.size());
  const std::string from = local_file_uri(a.root().string()), to = local_file_uri(b.root().string());
  for (auto [path, content] : src) {
    INFO(path);
    for (size_t at; (at = content.find(from)) != std::string::npos;) content.replace(at, from.size(), to);
    REQUIRE(dst[path] == content);
  }
  REQUIRE(b.get_run(kRunA).info.artifact_uri == to + "/0/" + kRunA + "/artifacts");

  FileStore c(labtest::fresh_store("lab_test_uri_keep"), clock);
  REQUIRE(import_store(c, archive).uris_rewritten == 0);
  REQUIRE(snapshot(c.root()) == src);

  REQUIRE_THROWS_WITH(import_store(c, archive, "relative/mlruns"), Catch::Contains("not an absolute path"));
}

TEST_CASE("non-local artifact locations are left alone") {
  std::string meta = "artifact_uri: mlflow-artifacts:/0/" + kRunA + "/artifacts\nend_time: null\n";
  std::vector<tar::Entry> entries = {{"mlruns/0/" + kRunA + "/meta.yaml", false, meta},
                                     {"mlruns/0/datasets/abc/meta.yaml", false, "source: /data/x.csv\n"}};
  REQUIRE(rewrite_artifact_uris(entries, "/x/mlruns") == 0);
  REQUIRE(entries[0].content == meta);
  REQUIRE(entries[1].content == "source: /data/x.csv\n");
}
