#include "server/serve_app.hpp"

#include <random>
#include <stdexcept>

namespace fs = std::filesystem;
using nlohmann::json;

namespace lab {

namespace {
constexpr size_t kMaxJsonDepth = 32;  // a request is {"features": {...}}: depth 2

HttpReply json_reply(int status, const json& body) {
  return {status, "application/json", body.dump(-1, ' ', false, json::error_handler_t::replace), {}};
}

// "application/json; charset=utf-8" -> "application/json"
std::string media_type(const std::string& content_type) {
  std::string t = content_type.substr(0, content_type.find(';'));
  while (!t.empty() && t.back() == ' ') t.pop_back();
  for (char& c : t) c = char(std::tolower(static_cast<unsigned char>(c)));
  return t;
}

HttpReply unsupported(const std::string& got, const std::string& want, const std::string& example) {
  return json_reply(415, {{"status", 415},
                          {"error", "this route takes " + want + " (Content-Type: " + want + "), got " +
                                        (got.empty() ? std::string("no Content-Type") : "'" + got + "'") + "; e.g. " + example}});
}

CircuitBreaker::State circuit_of(const std::string& s) {
  if (s == "open") return CircuitBreaker::State::Open;
  if (s == "half-open") return CircuitBreaker::State::HalfOpen;
  return CircuitBreaker::State::Closed;
}
}  // namespace

size_t json_nesting_depth(const std::string& text) {
  size_t depth = 0, deepest = 0;
  bool in_string = false, escaped = false;
  for (char c : text) {
    if (in_string) {
      if (escaped) escaped = false;
      else if (c == '\\') escaped = true;
      else if (c == '"') in_string = false;
    } else if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      deepest = std::max(deepest, ++depth);
    } else if ((c == ']' || c == '}') && depth > 0) {
      --depth;
    }
  }
  return deepest;
}

const std::vector<std::pair<std::string, std::string>>& ServeApp::routes() {
  static const std::vector<std::pair<std::string, std::string>> r = {
      {"/", "GET"}, {"/health", "GET"}, {"/contract", "GET"}, {"/metrics", "GET"}, {"/predict", "POST"}, {"/predict/batch", "POST"}};
  return r;
}

namespace {
const ServeOptions& existing_store(const ServeOptions& o) {
  if (!fs::is_directory(o.store))
    throw std::invalid_argument("no store at '" + o.store + "'; pass --store DIR (a lab store, e.g. ./mlruns)");
  return o;
}
}  // namespace

ServeApp::ServeApp(const ServeOptions& o)
    : options_(existing_store(o)),
      session_(o.store, clock_, std::random_device{}(), "lab-serve"),
      watch_(fs::path(o.store) / "models" / o.model) {
  const auto& models = session_.models().registry().models();
  if (!models.count(o.model)) {
    std::string names;
    for (const auto& [n, m] : models) names += (names.empty() ? "" : ", ") + n;
    throw std::invalid_argument("the store '" + o.store + "' has no registered model '" + o.model + "'" +
                                (names.empty() ? std::string("; register one first (registry.register)") : "; it has: " + names));
  }
  session_.serving().set_log_appender(
      [this](const fs::path& file, std::string line) { log_writer_.append(file, std::move(line)); });
  EndpointConfig c;
  c.name = o.endpoint;
  c.model = o.model;
  c.alias = o.alias;
  c.challenger_alias = o.challenger_alias;
  c.challenger_share = o.challenger_alias.empty() ? 0.0 : o.challenger_share;
  c.fallback_version = o.fallback_version;
  // Starting the server is the explicit choice to serve this model here: a restart replaces the
  // endpoint its previous run left in the store.
  session_.serving().deploy(c, /*replace=*/true);
}

double ServeApp::monotonic_ms() const {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started_).count();
}

void ServeApp::follow_alias_moves() {
  if (!watch_.changed(int64_t(monotonic_ms()))) return;
  try {
    session_.models().reload();
    session_.models().registry().version_for_alias(options_.model, options_.alias);
  } catch (const std::exception&) {
    watch_.force_next_look();  // caught the registry mid-write: read it again on the next request
  }
}

HttpReply ServeApp::index() const {
  std::string page = "lab serve: " + options_.model + "@" + options_.alias + " from the store " + options_.store + "\n\n";
  page +=
      "GET  /               this page\n"
      "GET  /health         model, version, uptime, request counts, circuit state (JSON)\n"
      "GET  /contract       fields, types, categories, plausible ranges and an example request (JSON)\n"
      "POST /predict        one request, Content-Type: application/json, {\"features\": {...}};\n"
      "                     422 lists every problem of an invalid request\n"
      "POST /predict/batch  a CSV file (Content-Type: text/csv, header = field names); CSV back with\n"
      "                     prediction, confidence and an error column per row\n"
      "GET  /metrics        Prometheus text format 0.0.4\n";
  return {200, "text/plain; charset=utf-8", page, {}};
}

HttpReply ServeApp::health() {
  std::lock_guard<std::mutex> lock(mu_);
  follow_alias_moves();
  json h = session_.serving().health(options_.endpoint);
  h["alias"] = options_.alias;
  return json_reply(200, h);
}

HttpReply ServeApp::contract() {
  std::lock_guard<std::mutex> lock(mu_);
  follow_alias_moves();
  return json_reply(200, session_.serving().contract(options_.endpoint));
}

HttpReply ServeApp::predict(const std::string& body, const std::string& content_type) {
  double t0 = monotonic_ms();
  if (media_type(content_type) != "application/json")
    return unsupported(content_type, "application/json", "curl -H 'Content-Type: application/json' -d '{\"features\": {...}}'");
  json request;
  std::string problem;
  if (json_nesting_depth(body) > kMaxJsonDepth) {
    problem = "The body nests lists or objects more than " + std::to_string(kMaxJsonDepth) +
              " levels deep; a request is {\"features\": {\"field\": value, ...}}.";
  } else {
    request = json::parse(body, nullptr, false);
    if (request.is_discarded())
      problem = "The body is not valid JSON (UTF-8 text such as {\"features\": {\"field\": value, ...}}); check quotes, commas "
                "and braces.";
  }
  std::lock_guard<std::mutex> lock(mu_);
  if (!problem.empty()) {
    // Same shape as a 422 from the validator, so clients handle one error format.
    json reply = {{"status", 400},
                  {"errors", json::array({{{"field", ""}, {"kind", "bad_json"}, {"expected", "a JSON object"}, {"got", nullptr},
                                           {"message", problem}}})},
                  {"warnings", json::array()}};
    metrics_.record_prediction(400, reply, monotonic_ms() - t0);
    return json_reply(400, reply);
  }
  follow_alias_moves();
  json reply;
  int status = 200;
  try {
    reply = session_.serving().predict(options_.endpoint, request);
    if (reply.contains("status") && reply["status"].is_number_integer()) status = reply["status"].get<int>();
  } catch (const std::exception& e) {
    // The alias no longer resolves (deleted, or caught mid-write): keep serving once it does.
    watch_.force_next_look();
    status = 503;
    reply = {{"status", 503}, {"error", std::string("the model cannot be loaded right now: ") + e.what()}};
  }
  metrics_.record_prediction(status, reply, monotonic_ms() - t0);
  return json_reply(status, reply);
}

HttpReply ServeApp::batch(const std::string& body, const std::string& content_type) {
  std::string type = media_type(content_type);
  if (type != "text/csv" && type != "text/plain")
    return unsupported(content_type, "text/csv", "curl -H 'Content-Type: text/csv' --data-binary @requests.csv");
  std::lock_guard<std::mutex> lock(mu_);
  follow_alias_moves();
  try {
    json r = session_.serving().batch(options_.endpoint, body);
    HttpReply reply{200, "text/csv; charset=utf-8", r.value("csv", ""), {}};
    reply.headers = {{"X-Rows", std::to_string(r.value("rows", 0))},
                     {"X-Scored", std::to_string(r.value("scored", 0))},
                     {"X-Rejected", std::to_string(r.value("rejected", 0))},
                     {"X-Model-Version", std::to_string(r.value("version", 0))}};
    return reply;
  } catch (const std::invalid_argument& e) {
    return json_reply(422, {{"status", 422}, {"error", e.what()}});
  }
}

HttpReply ServeApp::metrics() {
  std::lock_guard<std::mutex> lock(mu_);
  follow_alias_moves();
  json h = session_.serving().health(options_.endpoint);
  ServingMetricsState s;
  s.endpoint = options_.endpoint;
  s.model = h.value("model", "");
  s.alias = options_.alias;
  s.version = h.value("version", 0);
  s.circuit = circuit_of(h.value("circuit", "closed"));
  s.uptime_seconds = monotonic_ms() / 1000.0;
  return {200, "text/plain; version=0.0.4; charset=utf-8", metrics_.render(s), {}};
}

HttpReply ServeApp::error(int status, const std::string& message) {
  return json_reply(status, {{"status", status}, {"error", message}});
}

HttpReply ServeApp::no_route(const std::string& method, const std::string& path) {
  for (const auto& [p, m] : routes())
    if (p == path && m != method) {
      HttpReply r = error(405, method + " is not allowed on " + path + "; use " + m + " " + path);
      r.headers.push_back({"Allow", m});
      return r;
    }
  std::string list;
  for (const auto& [p, m] : routes()) list += (list.empty() ? "" : ", ") + m + " " + p;
  return error(404, "no route " + method + " " + path + "; the routes are " + list);
}

void ServeApp::record_http(const std::string& path, const std::string& method, int status) {
  ++requests_;
  std::string route = "other";  // fuzzers and scanners must not create a label per path
  for (const auto& [p, m] : routes())
    if (p == path) route = p;
  std::string verb = method == "GET" || method == "POST" || method == "HEAD" ? method : "other";
  std::lock_guard<std::mutex> lock(mu_);
  metrics_.record_http(route, verb, status);
}

json ServeApp::served() {
  std::lock_guard<std::mutex> lock(mu_);
  json h = session_.serving().health(options_.endpoint);
  return {{"model", h.value("model", "")}, {"alias", options_.alias}, {"version", h.value("version", 0)}};
}

std::string ServeApp::request_log_path() const {
  // Where the tab's ServingHub keeps it too (Session: "<store>-serving").
  return (fs::path(session_.store().root().string() + "-serving") / options_.endpoint / "requests.jsonl").string();
}

}  // namespace lab
