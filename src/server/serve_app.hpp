#pragma once
// The routes of `lab serve` as plain functions from a request to a reply, independent of the
// HTTP library: each one calls the same serving code as the tab's Serve module
// (commands/serving_hub: contract, validator, challenger split, circuit breaker, request log),
// so a request gets the same JSON over HTTP as from the dispatcher's serve.* commands.
// Thread-safe: one lock around the hub (scoring a request takes microseconds).
#include <atomic>
#include <chrono>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "commands/session.hpp"
#include "core/serve/serving_metrics.hpp"
#include "io/system_clock.hpp"
#include "server/async_line_appender.hpp"
#include "server/registry_watch.hpp"
#include "server/serve_options.hpp"

namespace lab {

struct HttpReply {
  int status = 200;
  std::string content_type = "application/json";
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;
};

class ServeApp {
 public:
  // Loads the store, deploys the endpoint (throws with a clear message when the model, alias or
  // fallback version does not exist).
  explicit ServeApp(const ServeOptions& options);

  HttpReply index() const;
  HttpReply health();
  HttpReply contract();
  HttpReply predict(const std::string& body, const std::string& content_type);
  HttpReply batch(const std::string& body, const std::string& content_type);
  HttpReply metrics();
  // A 4xx/5xx reply the HTTP library made itself (no route, body too large, ...) gets a JSON body.
  static HttpReply error(int status, const std::string& message);
  // 404 for unknown paths; 405 with the Allow header for a known path and a wrong method.
  static HttpReply no_route(const std::string& method, const std::string& path);

  // Counts every answered request for /metrics (unknown paths share one label).
  void record_http(const std::string& path, const std::string& method, int status);
  nlohmann::json served() ;  // {model, alias, version} now
  std::string request_log_path() const;
  void flush_request_log() { log_writer_.drain(); }
  uint64_t requests() const { return requests_; }
  size_t max_body_bytes() const { return options_.max_body_bytes; }

  static const std::vector<std::pair<std::string, std::string>>& routes();  // path, methods

 private:
  void follow_alias_moves();  // caller holds mu_
  double monotonic_ms() const;

  ServeOptions options_;
  SystemClock clock_;
  AsyncLineAppender log_writer_;  // outlives session_, whose serving hub queues lines to it
  std::mutex mu_;
  Session session_;
  ServingMetrics metrics_;
  RegistryWatch watch_;
  std::chrono::steady_clock::time_point started_ = std::chrono::steady_clock::now();
  std::atomic<uint64_t> requests_{0};
};

// Deepest nesting of [ and { in a JSON text (outside strings); the core's JSON code recurses, so
// bodies nested deeper than a request ever is are refused before they are parsed.
size_t json_nesting_depth(const std::string& text);

}  // namespace lab
