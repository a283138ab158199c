#pragma once
// An MLflow answer (or the lack of one) in words a participant can act on.
#include <string>

#include "core/sync/transport.hpp"

namespace lab::sync {

enum class ErrorScope {
  None,       // success
  Retry,      // try the same request again later (server down, 5xx, 429, timeout)
  Stop,       // nothing can go up until the participant fixes something (URL, credentials, CORS)
  SkipRun,    // this run cannot go up as it is (oversized value, invalid key); others can
};

struct SyncError {
  ErrorScope scope = ErrorScope::None;
  std::string kind;     // unreachable, timeout, cors, wrong_url, unauthenticated, forbidden,
                        // not_found, server_error, rejected, rate_limited
  std::string message;  // what happened and how to fix it
};

// server_url: what the participant typed (for the message); what: the action, e.g.
// "creating run 'knn'".
SyncError classify(const HttpResponse& r, const std::string& server_url, const std::string& what);

// MLflow's {"error_code": ..., "message": ...} when the body carries one; "" otherwise.
std::string mlflow_error_code(const std::string& body);
std::string mlflow_error_message(const std::string& body);

// The two ways out of a CORS block, in words (also shown by test_connection).
std::string cors_fixes(const std::string& server_url);

}  // namespace lab::sync
