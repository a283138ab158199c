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
  OutOfRangePolicy out_of_range = OutOfRangePolicy::Reject;
  nlohmann::json to_json() const;
  static EndpointConfig from_json(const nlohmann::json& j);
};

class ServingHub {
 public:
  ServingHub(std::filesystem::path root, FileStore& runs, const ModelHub& models, const Clock& clock);
  void set_on_write(std::function<void()> cb) { on_write_ = std::move(cb); }

  nlohmann::json deploy(const EndpointConfig& config);  // returns health
  nlohmann::json predict(const std::string& endpoint, const nlohmann::json& request);
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

 private:
  struct Live {
    EndpointConfig config;
    std::unique_ptr<Endpoint> endpoint;
    int primary_version = 0, challenger_version = 0;
    // Shared with the primary's scoring function, which checks it on every call.
    std::shared_ptr<bool> failing = std::make_shared<bool>(false);
  };
  Live& live(const std::string& name);
  void refresh(Live& l);  // follows alias moves (promotion, rollback)
  ServedModel load_version(const std::string& model, int version, std::shared_ptr<const bool> failing);
  void save_configs();
  void append_log(const std::string& endpoint, const RequestLogEntry& e);

  std::filesystem::path root_;
  FileStore& runs_;
  const ModelHub& models_;
  const Clock& clock_;
  std::map<std::string, Live> live_;
  std::function<void()> on_write_;
  uint64_t seed_ = 1;
};

}  // namespace lab
