#pragma once
// The tab's HTTP transport for sync: moves the bytes of requests with the browser's fetch(),
// several at once (the sync's lanes, Test connection, the Room), and never blocks the frame loop. What to send and what an answer means are the sync
// commands' business (commands/sync/sync_hub.hpp): this only asks the dispatcher for the next
// request (sync.next_request) and hands the answer back (sync.deliver).
//
// Durability first: the outbox records a step before a request that must not go out twice
// (runs/create, a log-batch); such a request waits until IndexedDB holds the sync's settings and
// outbox files (written alone, not with the whole store), so a reload at any moment resumes without sending anything twice.
#include <cstdint>
#include <nlohmann/json.hpp>
#include <vector>

#include "app/app_context.hpp"
#include "commands/dispatcher.hpp"
#include "platform/web/storage_sync.hpp"

namespace lab::web {

class FetchTransport {
 public:
  FetchTransport(Dispatcher& d, StorageSync& storage, const app::StorageStatus& status)
      : dispatcher_(d), storage_(storage), status_(status) {}
  // Each frame, and right after each answer: take every request there is and send what may go.
  void tick();
  // From JavaScript when fetch settles (status 0 = no HTTP answer; failure says which kind).
  void done(double id, int status, const char* body, int body_len, const char* failure, const char* detail);

 private:
  Dispatcher& dispatcher_;
  StorageSync& storage_;
  const app::StorageStatus& status_;
  enum class Outbox { Unknown, Persisting, Persisted, Failed };
  struct Held {
    nlohmann::json request;
    Outbox outbox = Outbox::Unknown;
  };
  bool may_send(Held& h);
  void send(const nlohmann::json& rq);
  // More than the hub ever has out at once (its lanes + Test connection + the Room): a bound,
  // not a throttle.
  static constexpr size_t kMaxOut = 8;
  std::vector<Held> held_;  // asked for, waiting for the outbox to be durable
  size_t in_flight_ = 0;
};

}  // namespace lab::web
