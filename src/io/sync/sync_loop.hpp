#pragma once
// Drives a SyncEngine over a blocking transport (the native CLI): send, receive, back off on
// retryable problems (server down, 5xx, busy) and give up only after a stretch with no progress;
// everything not sent stays in the outbox for the next run.
#include <cstdint>
#include <functional>
#include <string>

#include "io/sync/sync_engine.hpp"

namespace lab::sync {

struct DrainOptions {
  int64_t give_up_after_ms = 60000;  // without a single acknowledged request
  int64_t first_backoff_ms = 200, max_backoff_ms = 4000;
  std::function<int64_t()> now_ms;           // monotonic milliseconds
  std::function<void(int64_t)> sleep_ms;
  std::function<void(const std::string&)> log;  // one line per problem (optional)
};

struct DrainReport {
  size_t requests = 0, retries = 0;
  bool gave_up = false;   // retryable problems went on longer than give_up_after_ms
  bool stopped = false;   // a problem only the participant can fix (credentials, URL, CORS)
  std::string problem;    // the last problem in words ("" when all went up)
};

DrainReport drain(SyncEngine& engine, Transport& transport, const DrainOptions& options);

}  // namespace lab::sync
