#include "commands/sync/room_fetch.hpp"

#include <nlohmann/json.hpp>

#include "core/sync/experiment_lookup.hpp"
#include "core/sync/sync_error.hpp"

namespace lab {

void RoomFetch::start(const SyncSettings& s, const std::string& experiment, int page_size) {
  settings_ = s;
  page_size_ = page_size;
  loading_ = {};
  loading_.experiment = experiment;
  token_.clear();
  step_ = 0;
  shown_.state = "loading";
  shown_.error.clear();
  if (shown_.experiment != experiment) shown_ = {"loading", experiment, "", "", {}, 0, 0};
}

std::optional<sync::HttpRequest> RoomFetch::next() const {
  if (step_ == 0) return sync::experiment_by_name_request(loading_.experiment);
  if (step_ == 1)
    return sync::HttpRequest{"POST", "/api/2.0/mlflow/runs/search",
                             sync::search_page_body(loading_.experiment_id, token_, page_size_).dump(), "application/json"};
  return std::nullopt;
}

void RoomFetch::receive(const sync::HttpResponse& r, int64_t now_ms) {
  if (step_ < 0) return;
  const std::string exp = "'" + loading_.experiment + "'";
  auto fail = [&](const std::string& message) {
    shown_.state = "failed";
    shown_.error = message;
    step_ = -1;
  };
  const sync::ExperimentMatch found = step_ == 0 ? sync::read_experiment_by_name(r) : sync::ExperimentMatch{};
  if (step_ == 0 && found.absent)
    return fail("there is no experiment named " + exp + " on the server yet; it appears once someone syncs into it");
  if (step_ == 0 && found.found == sync::ExperimentMatch::Found::DeletedOnly)
    return fail("the experiment " + exp + " is deleted on the server at " + settings_.url + "; restore it there or choose another experiment");
  sync::SyncError e = sync::classify(r, settings_.url, step_ == 0 ? "looking up experiment " + exp : "listing the runs of " + exp);
  if (e.scope != sync::ErrorScope::None) return fail(e.message);
  auto body = nlohmann::json::parse(r.body, nullptr, false);
  if (!body.is_object() || (step_ == 0 && !found.understood))
    return fail("the server at " + settings_.url + " answered with something that is not MLflow's JSON");
  if (step_ == 0) {
    loading_.experiment_id = found.id;
    step_ = 1;
    return;
  }
  token_ = sync::add_search_page(body, loading_.runs);
  ++loading_.pages;
  if (!token_.empty()) return;
  loading_.state = "ready";
  loading_.loaded_at_ms = now_ms;
  shown_ = std::move(loading_);
  loading_ = {};
  step_ = -1;
}

}  // namespace lab
