#pragma once
// The native transport for sync and room: cpp-httplib (Debian's libcpp-httplib-dev). Keeps one
// keep-alive connection; MLflow's basic-auth credentials go in the Authorization header.
#include <memory>
#include <string>

#include "core/sync/transport.hpp"

namespace httplib { class Client; }

namespace lab::sync {

class HttpTransport : public Transport {
 public:
  // server_url: http(s)://host[:port][/prefix]. Throws std::invalid_argument with an example
  // when it is not such a URL.
  HttpTransport(const std::string& server_url, const std::string& user, const std::string& password);
  ~HttpTransport() override;
  HttpResponse send(const HttpRequest& request) override;

 private:
  std::unique_ptr<httplib::Client> client_;
  std::string prefix_;  // a path prefix of the server URL, e.g. "/mlflow"
};

// Credentials from the environment, as MLflow's own client reads them.
std::string env_or(const char* name, const std::string& fallback);

}  // namespace lab::sync
