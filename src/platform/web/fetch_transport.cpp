#include "platform/web/fetch_transport.hpp"

#include <emscripten.h>

#include <string>

namespace lab::web {

// fetch() with the request's bytes; the answer's bytes come back through lab_fetch_done. A
// TypeError from fetch means no readable answer: for another origin that is what a CORS block
// looks like (the browser does not say whether the server was down instead), for this page's
// own origin the server is unreachable.
EM_JS(void, js_fetch_send, (double id, const char* method, const char* url, const char* body, int body_len,
                            const char* content_type, const char* authorization), {
  var m = UTF8ToString(method), u = UTF8ToString(url), ct = UTF8ToString(content_type), auth = UTF8ToString(authorization);
  var bytes = body_len > 0 ? HEAPU8.slice(body, body + body_len) : null;
  function finish(status, buf, failure, detail) {
    var n = buf ? buf.byteLength : 0, p = _malloc(n + 1);
    if (n) HEAPU8.set(new Uint8Array(buf), p);
    Module.ccall("lab_fetch_done", null, ["number", "number", "number", "number", "string", "string"],
                 [id, status, p, n, failure, detail]);
    _free(p);
  }
  var target;
  try { target = new URL(u, location.href); } catch (e) { finish(0, null, "invalid_url", String(e.message || e)); return; }
  var headers = {};
  if (bytes) headers["Content-Type"] = ct || "application/json";
  if (auth) headers["Authorization"] = auth;
  var abort = new AbortController();
  var timer = setTimeout(function() { abort.abort(); }, 60000);
  fetch(target.href, {method: m, headers: headers, body: bytes, signal: abort.signal, credentials: "omit", cache: "no-store"})
    .then(function(r) { return r.arrayBuffer().then(function(buf) { clearTimeout(timer); finish(r.status, buf, "", ""); }); })
    .catch(function(e) {
      clearTimeout(timer);
      if (e && e.name === "AbortError") { finish(0, null, "timeout", "no answer within 60 s"); return; }
      var cross = target.origin !== location.origin;
      finish(0, null, cross ? "cors" : "unreachable", String(e && e.message || e));
    });
});

void FetchTransport::tick() {
  while (held_.size() + in_flight_ < kMaxOut) {
    nlohmann::json r = dispatcher_.handle({{"cmd", "sync.next_request"}});
    if (!r.value("ok", false) || !r.contains("request") || r["request"].is_null()) break;
    held_.push_back({r["request"]});
  }
  for (size_t i = 0; i < held_.size();) {
    if (!may_send(held_[i])) { ++i; continue; }
    const nlohmann::json rq = std::move(held_[i].request);
    held_.erase(held_.begin() + std::ptrdiff_t(i));
    send(rq);
  }
}

// The outbox recorded a step for this request (runs/create, a log-batch): it waits until
// IndexedDB holds the sync's settings and outbox files. Other requests go at once; what their
// answers record is flushed as usual, and a reload that loses it only makes the engine check with
// the server again.
bool FetchTransport::may_send(Held& h) {
  if (!h.request.value("durable_first", false) || h.outbox == Outbox::Persisted) return true;
  if (h.outbox == Outbox::Persisting) return false;
  if (h.outbox == Outbox::Unknown) {
    h.outbox = Outbox::Persisting;
    const uint64_t id = h.request["id"].get<uint64_t>();
    storage_.persist_files(h.request.value("durable_paths", std::vector<std::string>{}), [this, id](bool ok) {
      for (Held& other : held_)
        if (other.request["id"].get<uint64_t>() == id) other.outbox = ok ? Outbox::Persisted : Outbox::Failed;
      tick();
    });
    return false;
  }
  // The few-file write failed: the whole-store flush saves it, or shows why it cannot.
  using S = app::StorageStatus::State;
  if (status_.state == S::Pending || status_.state == S::Saving) {
    if (status_.state == S::Pending) storage_.flush_now();
    return false;
  }
  return true;
}

void FetchTransport::send(const nlohmann::json& rq) {
  ++in_flight_;
  const std::string& body = rq["body"].get_ref<const std::string&>();
  js_fetch_send(rq["id"].get<double>(), rq["method"].get<std::string>().c_str(), rq["url"].get<std::string>().c_str(), body.data(),
                int(body.size()), rq["content_type"].get<std::string>().c_str(), rq["authorization"].get<std::string>().c_str());
}

void FetchTransport::done(double id, int status, const char* body, int body_len, const char* failure, const char* detail) {
  if (in_flight_ > 0) --in_flight_;
  dispatcher_.handle({{"cmd", "sync.deliver"},
                      {"id", uint64_t(id)},
                      {"status", status},
                      {"body", std::string(body, size_t(body_len))},
                      {"failure", failure ? failure : ""},
                      {"failure_detail", detail ? detail : ""}});
  tick();  // the next request goes out now, not a frame later
}

}  // namespace lab::web
