#pragma once
// Serving in the tab: endpoints that answer with a registered model version (by alias, so a
// promotion or a rollback takes effect on the next request), behind the contract derived from
// the training data, with a challenger share, a fallback and a request log kept beside the
// tracking store (serving/<endpoint>/requests.jsonl) so it survives reloads.
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>

#include "commands/model_hub.hpp"
#include "core/serve/endpoint.hpp"

namespace lab {

struct EndpointConfig {
  std::string name, model, alias = "champion", challenger_alias;
  double challenger_share = 0;
  int fallback_version = 0;  // 0: none
  // The version the endpoint serves (0: not known yet, follow the alias). Kept so that after a
  // reload an endpoint that refused an incompatible alias move still serves what it served.
  int served_version = 0;
  OutOfRangePolicy out_of_range = OutOfRangePolicy::Reject;
  nlohmann::json to_json() const;
  static EndpointConfig from_json(const nlohmann::json& j);
};

class ServingHub {
 public:
  // `entropy` seeds the request-id prefixes, so two sessions on one store never share ids.
  ServingHub(std::filesystem::path root, FileStore& runs, const ModelHub& models, const Clock& clock, uint64_t entropy = 1);
  void set_on_write(std::function<void()> cb) { on_write_ = std::move(cb); }
  // Where request-log lines go. Unset, each line is appended to its file at once (the tab has
  // one thread); lab serve hands them to a writer thread so no request waits for the disk.
  using LineAppender = std::function<void(const std::filesystem::path& file, std::string line)>;
  void set_log_appender(LineAppender a) { appender_ = std::move(a); }

  // Returns health. An endpoint of that name that is live is replaced only with `replace`:
  // otherwise it throws, naming what it serves, so nobody replaces a live endpoint unasked.
  nlohmann::json deploy(const EndpointConfig& config, bool replace = false);
  nlohmann::json predict(const std::string& endpoint, const nlohmann::json& request);
  // The same path with the time the monitor's simulated clock gives, and fields added to the
  // request's log line (e.g. which simulation sent it).
  nlohmann::json predict_at(const std::string& endpoint, const nlohmann::json& request, int64_t at_ms,
                            const nlohmann::json& log_extra);
  // The folder holding the endpoint's request log (requests.jsonl) and what monitoring adds.
  std::filesystem::path endpoint_dir(const std::string& endpoint) const { return root_ / endpoint; }
  // Tells the storage layer a file under endpoint_dir changed (the tab then flushes IndexedDB).
  void notify_written() {
    if (on_write_) on_write_();
  }
  nlohmann::json health(const std::string& endpoint);
  nlohmann::json contract(const std::string& endpoint);
  // Scores CSV text (core/serve/batch_scoring.hpp): valid rows get predictions, invalid rows
  // their errors; plus a result CSV. Throws for a file that cannot be scored as a whole.
  nlohmann::json batch(const std::string& endpoint, const std::string& csv_text);
  // The workshop's example requests with whether each fits the endpoint's contract.
  nlohmann::json presets(const std::string& endpoint);
  // The last `limit` log entries, newest first (read back from storage after a reload).
  nlohmann::json log(const std::string& endpoint, size_t limit) const;
  void simulate_failure(const std::string& endpoint, bool failing);
  std::vector<std::string> endpoints() const;
  // Each endpoint with its model, alias and served version, for pickers and lineage.
  nlohmann::json endpoints_json() const;
  // Endpoints whose primary is this model version (lineage: where a version is served).
  std::vector<std::string> served_by(const std::string& model, int version) const;
  const EndpointConfig* config(const std::string& endpoint) const;

 private:
  struct Live {
    EndpointConfig config;
    std::unique_ptr<Endpoint> endpoint;
    int primary_version = 0, challenger_version = 0;
    // Shared with the primary's scoring function, which checks it on every call.
    std::shared_ptr<bool> failing = std::make_shared<bool>(false);
    // An alias move the endpoint did not follow: the version and why (its contract differs).
    nlohmann::json refused, challenger_refused;
  };
  Live& live(const std::string& name);
  void refresh(Live& l);  // follows alias moves (promotion, rollback) the contract allows
  void start(Live& l, int version);  // builds the endpoint around that version's contract
  // Why the endpoint cannot switch to `version` ("" when it can): its contract must match.
  std::string contract_mismatch(const Live& l, int version, const std::string& alias);
  InferenceContract contract_of(const std::string& model, int version) const;
  ServedModel load_version(const std::string& model, int version, std::shared_ptr<const bool> failing);
  std::string fresh_id_prefix(const std::string& endpoint, RequestCounts& counts);
  void save_configs();
  void append_log(const std::string& endpoint, const RequestLogEntry& e, const nlohmann::json& extra = nullptr);

  std::filesystem::path root_;
  FileStore& runs_;
  const ModelHub& models_;
  const Clock& clock_;
  std::map<std::string, Live> live_;
  std::function<void()> on_write_;
  LineAppender appender_;
  uint64_t seed_ = 1;
  Rng prefixes_;
};

}  // namespace lab
