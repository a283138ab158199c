#pragma once
// "Test connection": is the server reachable, is it MLflow (and which version), do the
// credentials pass, and can this page read its answers (CORS)? Two requests, planned here and
// sent by whichever transport the platform has: GET /version, then experiments/get-by-name.
#include <optional>
#include <string>

#include "commands/sync/sync_settings.hpp"
#include "core/sync/transport.hpp"

namespace lab {

struct ConnectionReport {
  std::string state = "idle";  // idle | testing | ok | failed
  std::string kind;            // for failed: unreachable, cors, not_mlflow, unauthenticated, forbidden, ...
  std::string message;         // in words, with the fix
  std::string version;         // MLflow's, when it said
};

class ConnectionProbe {
 public:
  void start(const SyncSettings& s);
  std::optional<sync::HttpRequest> next() const;
  void receive(const sync::HttpResponse& r);
  const ConnectionReport& report() const { return report_; }

 private:
  void fail(const std::string& kind, const std::string& message);
  SyncSettings settings_;
  int step_ = -1;  // 0: /version, 1: get-by-name, -1: not testing
  ConnectionReport report_;
};

}  // namespace lab
