#include "cli/http_transport.hpp"

#include <httplib.h>

#include <cstdlib>
#include <stdexcept>

namespace lab::sync {

std::string env_or(const char* name, const std::string& fallback) {
  const char* v = std::getenv(name);
  return v && *v ? std::string(v) : fallback;
}

HttpTransport::HttpTransport(const std::string& url, const std::string& user, const std::string& password) {
  const auto scheme_end = url.find("://");
  const std::string scheme = scheme_end == std::string::npos ? "" : url.substr(0, scheme_end);
  if (scheme != "http" && scheme != "https")
    throw std::invalid_argument("'" + url + "' is not a server URL; write it like http://127.0.0.1:5000");
  auto path_at = url.find('/', scheme_end + 3);
  std::string host = url.substr(0, path_at);
  if (host.size() <= scheme_end + 3) throw std::invalid_argument("'" + url + "' names no host; write it like http://127.0.0.1:5000");
  if (path_at != std::string::npos) prefix_ = url.substr(path_at);
  while (!prefix_.empty() && prefix_.back() == '/') prefix_.pop_back();
  client_ = std::make_unique<httplib::Client>(host);
  client_->set_connection_timeout(5, 0);
  client_->set_read_timeout(60, 0);
  client_->set_write_timeout(60, 0);
  client_->set_keep_alive(true);
  // Requests go out as headers then body, two writes: on a kept-alive connection Nagle's
  // algorithm holds the body until the server's delayed ACK (~40 ms a request, seen through the
  // lab's proxy, which keeps connections open).
  client_->set_tcp_nodelay(true);
  if (!user.empty()) client_->set_basic_auth(user.c_str(), password.c_str());
}

HttpTransport::~HttpTransport() = default;

HttpResponse HttpTransport::send(const HttpRequest& rq) {
  const std::string path = prefix_ + rq.path;
  const char* ct = rq.content_type.empty() ? "application/json" : rq.content_type.c_str();
  httplib::Result res = [&] {
    if (rq.method == "GET") return client_->Get(path.c_str());
    if (rq.method == "PUT") return client_->Put(path.c_str(), rq.body, ct);
    if (rq.method == "DELETE") return client_->Delete(path.c_str(), rq.body, ct);
    if (rq.method == "PATCH") return client_->Patch(path.c_str(), rq.body, ct);
    return client_->Post(path.c_str(), rq.body, ct);
  }();
  HttpResponse out;
  if (!res) {
    auto err = res.error();
    out.failure = (err == httplib::Error::ConnectionTimeout || err == httplib::Error::Read) ? "timeout" : "unreachable";
    if (err == httplib::Error::Read) out.failure = "unreachable";  // the server went away mid-answer
    out.failure_detail = httplib::to_string(err);
    return out;
  }
  out.status = res->status;
  out.body = res->body;
  return out;
}

}  // namespace lab::sync
