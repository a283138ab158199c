// Files come in one way: as a path in a command (the page writes a picked or dropped file into the
// in-memory file system first). data.import_csv and serve.batch {path} read it; a missing file
// or a wrong one is refused with a message and the current dataset is kept.
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>

#include "support/session_fixture.hpp"

using labtest::SessionFixture;

namespace {
std::string write_file(const std::string& name, const std::string& text) {
  std::filesystem::path p = std::filesystem::temp_directory_path() / name;
  std::ofstream(p, std::ios::binary) << text;
  return p.string();
}
}  // namespace

TEST_CASE("data.import_csv imports a CSV from a path; a missing or broken file keeps the dataset") {
  SessionFixture f("incoming_import", 31);
  std::string path = write_file("lab-incoming-test.csv", "plan,monthly,churned\nbasic,20,no\npro,55,yes\nbasic,21,no\npro,60,yes\n");
  nlohmann::json r = f.ok({{"cmd", "data.import_csv"}, {"path", path}, {"name", "customers.csv"}});
  CHECK(r["dataset"] == "customers.csv");
  CHECK(r["rows"] == 4);
  CHECK(r["columns"] == 3);
  CHECK(f.error({{"cmd", "data.import_csv"}, {"path", "/no/such/file.csv"}}).find("there is no file") != std::string::npos);
  std::string broken = write_file("lab-incoming-broken.csv", "a,b\n1,2\n3,\"unterminated\n");
  CHECK(f.error({{"cmd", "data.import_csv"}, {"path", broken}}).find("line 3") != std::string::npos);
  CHECK(f.session.dataset()->name == "customers.csv");
}

TEST_CASE("serve.batch scores a CSV from a path, judged by name and size first") {
  SessionFixture f("incoming_batch", 32);
  f.ok({{"cmd", "data.generate"}, {"dataset", "loan"}, {"rows", 800}, {"seed", 3}});
  std::string run = f.ok({{"cmd", "train.run"}})["run_id"];
  f.ok({{"cmd", "registry.register"}, {"model", "loan-approval"}, {"run_id", run}});
  f.ok({{"cmd", "registry.set_alias"}, {"model", "loan-approval"}, {"alias", "champion"}, {"version", 1}});
  f.ok({{"cmd", "serve.deploy"}, {"endpoint", "loan-api"}, {"model", "loan-approval"}, {"alias", "champion"}});
  std::string path = write_file("lab-incoming-batch.csv",
                                "age,income,credit_score,debt_to_income,employment_years,loan_amount\n"
                                "41,52000,700,0.3,5,12000\n-3,52000,700,0.3,5,12000\n");
  nlohmann::json r = f.ok({{"cmd", "serve.batch"}, {"endpoint", "loan-api"}, {"path", path}, {"filename", "two.csv"}});
  CHECK(r["rows"] == 2);
  CHECK(r["scored"] == 1);
  CHECK(r["rejected"] == 1);
  CHECK(r["filename"] == "two.csv");
  CHECK_FALSE(f.error({{"cmd", "serve.batch"}, {"endpoint", "loan-api"}, {"path", path}, {"filename", "photo.png"}}).empty());
  nlohmann::json check = f.ok({{"cmd", "serve.batch_check"}, {"filename", "big.csv"}, {"bytes", 500.0 * 1024 * 1024}});
  CHECK(check["fits"] == false);
  CHECK_FALSE(check["problem"].get<std::string>().empty());
  CHECK(f.ok({{"cmd", "serve.batch_check"}, {"filename", "ok.csv"}, {"bytes", 1000}})["fits"] == true);
}
