// Every way a sync can fail, in words with the fix.
#include <catch2/catch.hpp>

#include "core/sync/sync_error.hpp"

using namespace lab::sync;

namespace {
bool has(const std::string& s, const std::string& part) { return s.find(part) != std::string::npos; }
}  // namespace

TEST_CASE("sync problems are classified and explained", "[sync]") {
  const std::string url = "http://mlflow:5000";
  auto unreachable = classify({0, "", "unreachable", "Connection"}, url, "creating run 'a'");
  CHECK(unreachable.scope == ErrorScope::Retry);
  CHECK(has(unreachable.message, "cannot reach"));
  CHECK(has(unreachable.message, url));

  auto cors = classify({0, "", "cors", ""}, url, "x");
  CHECK(cors.scope == ErrorScope::Stop);
  CHECK(has(cors.message, "--cors-allowed-origins"));
  CHECK(has(cors.message, "scripts/run.sh --tracking-server " + url));

  auto wrong = classify({404, "<html>Not Found</html>", "", ""}, url, "x");
  CHECK(wrong.kind == "wrong_url");
  auto missing = classify({404, R"({"error_code":"RESOURCE_DOES_NOT_EXIST","message":"Run 'x' not found"})", "", ""}, url, "x");
  CHECK(missing.kind == "not_found");
  CHECK(has(missing.message, "Run 'x' not found"));

  CHECK(classify({401, "You are not authenticated.", "", ""}, url, "x").kind == "unauthenticated");
  auto forbidden = classify({403, R"({"error_code":"PERMISSION_DENIED","message":"Permission denied"})", "", ""}, url, "x");
  CHECK(forbidden.scope == ErrorScope::Stop);
  CHECK(has(forbidden.message, "write access"));

  auto server = classify({500, R"({"error_code":"INTERNAL_ERROR","message":"database is locked"})", "", ""}, url, "x");
  CHECK(server.scope == ErrorScope::Retry);
  CHECK(has(server.message, "database is locked"));
  auto rejected = classify({400, R"({"error_code":"INVALID_PARAMETER_VALUE","message":"bad key"})", "", ""}, url, "x");
  CHECK(rejected.scope == ErrorScope::SkipRun);
  CHECK(classify({200, "{}", "", ""}, url, "x").scope == ErrorScope::None);
}

TEST_CASE("url_encode keeps what MLflow's routes need", "[sync]") {
  CHECK(url_encode("churn lab/ü") == "churn%20lab%2F%C3%BC");
  CHECK(url_encode("1/abc/artifacts/model/x y.json", true) == "1/abc/artifacts/model/x%20y.json");
}
