#include "core/sync/sync_error.hpp"

#include <cctype>

#include <nlohmann/json.hpp>

namespace lab::sync {

namespace {

nlohmann::json parse_object(const std::string& body) {
  auto j = nlohmann::json::parse(body, nullptr, false);
  return j.is_object() ? j : nlohmann::json::object();
}

std::string clip(std::string s, size_t n = 300) {
  if (s.size() > n) s = s.substr(0, n) + "...";
  for (char& c : s)
    if (c == '\n' || c == '\r') c = ' ';
  return s;
}

}  // namespace

std::string mlflow_error_code(const std::string& body) {
  auto j = parse_object(body);
  return j.contains("error_code") && j["error_code"].is_string() ? j["error_code"].get<std::string>() : "";
}

std::string mlflow_error_message(const std::string& body) {
  auto j = parse_object(body);
  return j.contains("message") && j["message"].is_string() ? j["message"].get<std::string>() : "";
}

std::string cors_fixes(const std::string& server_url) {
  return "Two fixes: (1) run MLflow 3.5 or newer and start it with --cors-allowed-origins <this page's origin>; "
         "or (2) let the lab's server proxy it: scripts/run.sh --tracking-server " +
         (server_url.empty() ? std::string("http://mlflow-host:5000") : server_url) +
         ", then use this page's own address as the server URL.";
}

SyncError classify(const HttpResponse& r, const std::string& url, const std::string& what) {
  const std::string at = " (" + what + " at " + url + ")";
  if (r.status >= 200 && r.status < 300) return {};
  if (r.status == 0) {
    if (r.failure == "cors")
      return {ErrorScope::Stop, "cors",
              "the browser blocked the answer from " + url + ": that server sends no CORS headers for this page's origin "
              "(a browser reports a server that is not running on another origin the same way). " +
                  cors_fixes(url)};
    if (r.failure == "invalid_url")
      return {ErrorScope::Stop, "wrong_url",
              "'" + url + "' is not a server address; write it like http://host:5000 (" + clip(r.failure_detail) + ")"};
    if (r.failure == "timeout")
      return {ErrorScope::Retry, "timeout", "the server did not answer in time" + at + "; will retry"};
    return {ErrorScope::Retry, "unreachable",
            "cannot reach the tracking server at " + url + " (" + clip(r.failure_detail.empty() ? "no answer" : r.failure_detail) +
                "); is it running and is the URL right? Nothing is lost: runs wait in the outbox"};
  }
  const std::string code = mlflow_error_code(r.body);
  const std::string msg = clip(mlflow_error_message(r.body));
  const std::string server_says = msg.empty() ? "" : " The server says: " + msg;
  if (r.status == 401)
    return {ErrorScope::Stop, "unauthenticated",
            "the server asks for a user name and password (401)" + at + "; enter the credentials of the room's MLflow."};
  if (r.status == 403)
    return {ErrorScope::Stop, "forbidden",
            "the server refused the credentials' permission (403)" + at + "; ask the facilitator for write access to the experiment." +
                server_says};
  if (r.status == 404) {
    if (code.empty())
      return {ErrorScope::Stop, "wrong_url",
              "the server at " + url + " has no MLflow API at this address (404 for " + what +
                  "); check the URL (host, port and any path prefix)"};
    return {ErrorScope::SkipRun, "not_found", "not found on the server (404 " + code + ")" + at + "." + server_says};
  }
  if (r.status == 429 || r.status == 503)
    return {ErrorScope::Retry, "rate_limited", "the server is busy (" + std::to_string(r.status) + ")" + at + "; will retry"};
  if (r.status >= 500)
    return {ErrorScope::Retry, "server_error",
            "the server failed (" + std::to_string(r.status) + (code.empty() ? "" : " " + code) + ")" + at + "; will retry." + server_says};
  if (r.status == 400 || r.status == 409 || r.status == 413)
    return {ErrorScope::SkipRun, "rejected", "the server rejected " + what + " (" + std::to_string(r.status) + " " + code + ")." + server_says};
  return {ErrorScope::Stop, "unexpected",
          "unexpected answer " + std::to_string(r.status) + at + "." + server_says};
}

std::string url_encode(const std::string& s, bool keep_slash) {
  static const char* hex = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : s) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~' || (keep_slash && c == '/')) {
      out += char(c);
    } else {
      out += '%';
      out += hex[c >> 4];
      out += hex[c & 15];
    }
  }
  return out;
}

}  // namespace lab::sync
