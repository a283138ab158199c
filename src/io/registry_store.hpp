#pragma once
// Persists the model registry in MLflow's registry FileStore layout, inside the same mlruns/
// folder as the runs so it survives reloads and exports with them:
//   models/<name>/meta.yaml, models/<name>/aliases/<alias> (file content = version number),
//   models/<name>/version-<n>/meta.yaml
// plus the lab's own extras, which MLflow ignores: version-<n>/lab_version.json (lineage, model
// card) and models/<name>/lab_history.json (stage and alias changes).
#include <filesystem>
#include <functional>
#include <map>
#include <string>

#include "core/registry/registry.hpp"

namespace lab {

class RegistryStore {
 public:
  explicit RegistryStore(std::filesystem::path mlruns_root) : root_(std::move(mlruns_root) / "models") {}
  void set_on_write(std::function<void()> cb) { on_write_ = std::move(cb); }

  void save(const RegisteredModel& m);  // rewrites that model's folder contents
  std::map<std::string, RegisteredModel> load_all() const;

 private:
  std::filesystem::path root_;
  std::function<void()> on_write_;
};

}  // namespace lab
