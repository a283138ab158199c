#pragma once
// One HTTP exchange with the tracking server, as the sync planner sees it. The native CLI sends
// it with cpp-httplib, the tab with the browser's fetch (platform layer); the planner and the
// outbox never know which.
#include <map>
#include <string>

namespace lab::sync {

struct HttpRequest {
  std::string method = "GET";  // GET, POST, PUT, DELETE, PATCH
  std::string path;            // from the server root, with the query: "/api/2.0/mlflow/runs/get?run_id=..."
  std::string body;            // JSON text, or raw artifact bytes for PUT
  std::string content_type = "application/json";
};

// What came back. status 0 = no HTTP answer at all; `failure` then says which kind:
// "unreachable" (connection refused, DNS, reset), "timeout", "cors" (the browser refused to
// show the answer to a page of another origin) or "invalid_url".
struct HttpResponse {
  int status = 0;
  std::string body;
  std::string failure;
  std::string failure_detail;  // the transport's own words, for the log
};

class Transport {
 public:
  virtual ~Transport() = default;
  virtual HttpResponse send(const HttpRequest& request) = 0;
};

// Percent-encodes a query value or an artifact path piece (RFC 3986 unreserved stay; '/' stays
// when keep_slash, for artifact paths).
std::string url_encode(const std::string& s, bool keep_slash = false);

}  // namespace lab::sync
