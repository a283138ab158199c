#pragma once
// The registry's half of a sync, after the runs: registered models (created if missing),
// versions (model-versions/create from the remote run's model artifacts; after an unanswered
// create, model-versions/search by the lab.version tag first), stages and aliases. Like
// SyncEngine it only plans: next() gives a request, receive() takes the answer.
#include <optional>
#include <string>
#include <vector>

#include "core/registry/registry.hpp"
#include "core/sync/outbox.hpp"
#include "core/sync/sync_error.hpp"
#include "core/sync/transport.hpp"
#include "io/sync/sync_engine.hpp"

namespace lab::sync {

class RegistrySync {
 public:
  RegistrySync(std::map<std::string, RegisteredModel> models, Outbox& outbox, SyncTarget target);
  std::optional<HttpRequest> next();
  void receive(const HttpResponse& response);
  const SyncError& last_error() const { return last_error_; }
  bool stopped() const { return stopped_; }
  size_t waiting_for_runs() const { return waiting_; }  // versions whose run is not up yet
  std::vector<std::string> problems() const { return problems_; }

 private:
  enum class Kind { Model, Version, Stage, Alias };
  struct Task {
    Kind kind;
    std::string model, alias;
    int local = 0;
  };
  std::optional<HttpRequest> build();
  bool searching_ = false;
  std::map<std::string, RegisteredModel> models_;
  Outbox& outbox_;
  SyncTarget target_;
  std::vector<Task> tasks_;
  size_t index_ = 0, waiting_ = 0;
  std::optional<HttpRequest> outstanding_;
  SyncError last_error_;
  bool stopped_ = false;
  std::vector<std::string> problems_;
};

}  // namespace lab::sync
