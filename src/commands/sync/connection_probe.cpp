#include "commands/sync/connection_probe.hpp"

#include <cctype>
#include <nlohmann/json.hpp>

#include "core/sync/sync_error.hpp"

namespace lab {

namespace {

bool looks_like_version(const std::string& s) {
  if (s.empty() || s.size() > 40 || !std::isdigit((unsigned char)s[0])) return false;
  for (char c : s)
    if (!(std::isalnum((unsigned char)c) || c == '.' || c == '-' || c == '+')) return false;
  return true;
}

std::string trimmed(std::string s) {
  while (!s.empty() && std::isspace((unsigned char)s.back())) s.pop_back();
  while (!s.empty() && std::isspace((unsigned char)s.front())) s.erase(s.begin());
  return s;
}

}  // namespace

void ConnectionProbe::start(const SyncSettings& s) {
  settings_ = s;
  step_ = 0;
  report_ = {"testing", "", "testing " + s.url + "...", ""};
}

std::optional<sync::HttpRequest> ConnectionProbe::next() const {
  if (step_ == 0) return sync::HttpRequest{"GET", "/version", "", ""};
  if (step_ == 1)
    return sync::HttpRequest{"GET", "/api/2.0/mlflow/experiments/get-by-name?experiment_name=" + sync::url_encode(settings_.experiment), "", ""};
  return std::nullopt;
}

void ConnectionProbe::fail(const std::string& kind, const std::string& message) {
  report_.state = "failed";
  report_.kind = kind;
  report_.message = message;
  step_ = -1;
}

void ConnectionProbe::receive(const sync::HttpResponse& r) {
  const std::string& url = settings_.url;
  if (step_ == 0) {
    if (r.status == 0) {
      sync::SyncError e = sync::classify(r, url, "asking for the server's version");
      return fail(e.kind, e.message);
    }
    // MLflow answers /version with its version as plain text; older servers or a path prefix may
    // not, which the API call below still settles.
    std::string body = trimmed(r.body);
    if (r.status == 200 && looks_like_version(body)) report_.version = body;
    step_ = 1;
    return;
  }
  if (step_ != 1) return;
  const std::string exp = "'" + settings_.experiment + "'";
  const std::string who = report_.version.empty() ? "MLflow" : "MLflow " + report_.version;
  auto body = nlohmann::json::parse(r.body, nullptr, false);
  if (r.status == 200 && body.is_object() && body.contains("experiment")) {
    report_.state = "ok";
    report_.message = who + " answers at " + url + "; experiment " + exp + " exists" +
                      (settings_.user.empty() ? "" : " and the credentials of '" + settings_.user + "' pass") + ". Ready to sync.";
    step_ = -1;
    return;
  }
  if (r.status == 404 && sync::mlflow_error_code(r.body) == "RESOURCE_DOES_NOT_EXIST") {
    report_.state = "ok";
    report_.message = who + " answers at " + url + "; experiment " + exp + " does not exist yet: the first sync creates it.";
    step_ = -1;
    return;
  }
  if (r.status == 200)
    return fail("not_mlflow", "the server at " + url + " answers, but not as MLflow (it sent " +
                                  (body.is_discarded() ? std::string("a page, not JSON") : std::string("JSON without an experiment")) +
                                  "). If this is the lab's own address, start the lab with --tracking-server <MLflow URL>; "
                                  "otherwise check the host and port of the room's MLflow.");
  sync::SyncError e = sync::classify(r, url, "looking up experiment " + exp);
  if (e.kind == "wrong_url")
    return fail("not_mlflow", "the server at " + url + " has no MLflow API (404). If this is the lab's own address, start the lab "
                              "with --tracking-server <MLflow URL>; otherwise check the host, port and any path prefix.");
  fail(e.kind, e.message);
}

}  // namespace lab
