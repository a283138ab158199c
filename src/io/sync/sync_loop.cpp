#include "io/sync/sync_loop.hpp"

#include <algorithm>

namespace lab::sync {

DrainReport drain(SyncEngine& engine, Transport& transport, const DrainOptions& o) {
  DrainReport rep;
  int64_t backoff = o.first_backoff_ms;
  int64_t last_progress = o.now_ms();
  while (auto req = engine.next()) {
    HttpResponse res = transport.send(*req);
    ++rep.requests;
    engine.receive(res);
    const SyncError& e = engine.last_error();
    if (e.scope == ErrorScope::None) {
      backoff = o.first_backoff_ms;
      last_progress = o.now_ms();
      continue;
    }
    if (o.log) o.log(e.message);
    rep.problem = e.message;
    if (engine.stopped()) { rep.stopped = true; break; }
    if (e.scope == ErrorScope::Retry) {
      if (o.now_ms() - last_progress > o.give_up_after_ms) { rep.gave_up = true; break; }
      ++rep.retries;
      o.sleep_ms(backoff);
      backoff = std::min(backoff * 2, o.max_backoff_ms);
    }
  }
  if (!rep.stopped && !rep.gave_up && engine.pending() == 0 && engine.failed_now() == 0)
    rep.problem.clear();
  return rep;
}

}  // namespace lab::sync
