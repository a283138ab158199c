#include "core/serve/endpoint.hpp"

#include <stdexcept>

namespace lab {

using nlohmann::json;

Endpoint::Endpoint(std::string name, InferenceContract contract, ServedModel primary, EndpointTimes times, uint64_t seed)
    : name_(std::move(name)), contract_(std::move(contract)), primary_(std::move(primary)), times_(std::move(times)),
      rng_(seed) {
  started_ms_ = times_.now_ms();
  static const char* hex = "0123456789abcdef";
  uint64_t v = Rng(seed ^ 0x5eed1d5ULL).next_u64();  // its own stream: routing draws stay as they were
  for (int s = 28; s >= 0; s -= 4) id_prefix_ += hex[(v >> s) & 15];
}

void RequestCounts::add(const std::string& status, const std::string& variant) {
  ++total;
  if (status == "ok") ++ok;
  else if (status == "invalid") ++invalid;
  else if (status == "failed") ++failed;
  if (variant == "fallback") ++fallback;
  if (variant == "challenger") ++challenger;
}

void Endpoint::set_challenger(std::optional<ServedModel> challenger, double share) {
  if (!(share >= 0.0 && share <= 1.0)) throw std::invalid_argument("the challenger's share of traffic must be between 0 and 1");
  challenger_ = std::move(challenger);
  share_ = challenger_ ? share : 0.0;
}

void Endpoint::set_fallback(std::optional<ServedModel> fallback) { fallback_ = std::move(fallback); }
void Endpoint::set_primary(ServedModel primary) {
  primary_ = std::move(primary);
  breaker_.record_success();  // a new primary starts with a closed circuit
}

std::string Endpoint::next_request_id() { return "req-" + id_prefix_ + "-" + std::to_string(next_id_++); }

json Endpoint::predict(const json& request, std::optional<int64_t> at_ms) {
  double t0 = times_.monotonic_ms();
  RequestLogEntry entry;
  entry.request_id = next_request_id();
  entry.time_ms = at_ms ? *at_ms : times_.now_ms();
  ValidationResult v = validate_request(contract_, request);
  entry.inputs = v.features.is_null() ? request : v.features;
  if (!v.ok()) {
    counts_.add("invalid", "");
    json reply = v.to_json();
    reply["request_id"] = entry.request_id;
    entry.status = "invalid";
    entry.output = reply["errors"];
    entry.latency_ms = times_.monotonic_ms() - t0;
    remember(std::move(entry));
    return reply;
  }

  // Routing: the challenger takes its share; the rest goes to the primary unless its circuit
  // is open, in which case the fallback answers.
  bool challenger_turn = challenger_ && rng_.uniform() < share_;
  const ServedModel* model = challenger_turn ? &*challenger_ : &primary_;
  std::string variant = challenger_turn ? "challenger" : "primary";
  bool primary_allowed = challenger_turn || breaker_.allow(entry.time_ms);
  if (!primary_allowed && fallback_) {
    model = &*fallback_;
    variant = "fallback";
  }
  json reply;
  try {
    if (!primary_allowed && !fallback_)
      throw std::runtime_error("the model is failing and no fallback model is configured; try again shortly");
    reply = model->score(v.features);
    if (variant == "primary") breaker_.record_success();
  } catch (const std::exception& e) {
    if (variant == "primary") breaker_.record_failure(entry.time_ms);
    // A failing primary is answered by the fallback on the same request.
    if (variant == "primary" && fallback_) {
      try {
        model = &*fallback_;
        variant = "fallback";
        reply = model->score(v.features);
      } catch (const std::exception& e2) {
        reply = json{{"error", std::string("both the model and the fallback failed: ") + e2.what()}};
      }
    } else {
      reply = json{{"error", std::string("the model failed: ") + e.what()}};
    }
  }
  bool failed = reply.contains("error");
  counts_.add(failed ? "failed" : "ok", variant);
  reply["model"] = model->name;
  reply["version"] = model->version;
  reply["variant"] = variant;
  reply["request_id"] = entry.request_id;
  if (!v.warnings.empty()) reply["warnings"] = v.to_json()["warnings"];
  entry.latency_ms = times_.monotonic_ms() - t0;
  reply["latency_ms"] = entry.latency_ms;
  if (failed) reply["status"] = 503;
  entry.model = model->name;
  entry.version = model->version;
  entry.variant = variant;
  entry.status = failed ? "failed" : "ok";
  entry.output = reply;
  remember(std::move(entry));
  return reply;
}

namespace {
// Bytes a JSON value holds, roughly (text, plus a little per value); walking it costs about
// what parsing it did.
size_t approx_bytes(const json& j) {
  size_t n = 16;
  if (j.is_string()) return n + j.get_ref<const std::string&>().size();
  if (j.is_object())
    for (auto it = j.begin(); it != j.end(); ++it) n += it.key().size() + approx_bytes(it.value());
  else if (j.is_array())
    for (const auto& v : j) n += approx_bytes(v);
  return n;
}
}  // namespace

void Endpoint::remember(RequestLogEntry entry) {
  size_t bytes = sizeof(RequestLogEntry) + approx_bytes(entry.inputs) + approx_bytes(entry.output);
  log_.push_back(std::move(entry));
  log_bytes_.push_back(bytes);
  kept_bytes_ += bytes;
  while (log_.size() > 1 && (log_.size() > kLogKept || kept_bytes_ > kLogBytesKept)) {
    kept_bytes_ -= log_bytes_.front();
    log_bytes_.pop_front();
    log_.pop_front();
  }
}

json Endpoint::health() const {
  json h = {{"status", breaker_.state() == CircuitBreaker::State::Closed ? "ok" : "degraded"},
            {"endpoint", name_},
            {"model_loaded", true},
            {"model", primary_.name},
            {"version", primary_.version},
            {"uptime_ms", times_.now_ms() - started_ms_},
            {"circuit", to_string(breaker_.state())},
            {"requests", {{"total", counts_.total}, {"ok", counts_.ok}, {"invalid", counts_.invalid}, {"failed", counts_.failed},
                          {"fallback", counts_.fallback}, {"challenger", counts_.challenger}}}};
  if (challenger_) h["challenger"] = {{"model", challenger_->name}, {"version", challenger_->version}, {"share", share_}};
  if (fallback_) h["fallback"] = {{"model", fallback_->name}, {"version", fallback_->version}};
  return h;
}

}  // namespace lab
