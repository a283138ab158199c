#include "commands/explain_subject.hpp"

#include <cmath>
#include <stdexcept>

#include "commands/session.hpp"
#include "core/pipeline/train_job.hpp"

namespace lab {

using nlohmann::json;

namespace {

std::string param_or(const Run& r, const char* key, const std::string& fallback) {
  auto it = r.params.find(key);
  return it == r.params.end() ? fallback : it->second;
}
std::string tag_or(const Run& r, const char* key) {
  auto it = r.tags.find(key);
  return it == r.tags.end() ? "" : it->second;
}

// The request that made the run, as far as the split depends on it (algo for its validation
// share, test fraction, seed, task, feature spec).
TrainRequest split_request(const Run& run) {
  TrainRequest req;
  req.algo = param_or(run, "algo", req.algo);
  req.test_fraction = std::stod(param_or(run, "test_fraction", "0.2"));
  req.seed = std::stoull(param_or(run, "seed", "42"));
  req.task = param_or(run, "task", "auto");
  const std::string spec = param_or(run, "features", "");
  if (!spec.empty()) req.features = json::parse(spec);
  return req;
}

std::shared_ptr<ExplainSubject> load(const Session& s, const std::string& run_id) {
  const Run run = s.store().get_run(run_id);  // throws for an unknown run
  if (run.info.status != RunStatus::Finished)
    throw std::invalid_argument("run " + run_id + " has not finished; explain a finished run (Runs module)");
  auto subject = std::make_shared<ExplainSubject>();
  subject->run_id = run_id;
  subject->run_name = run.info.run_name;
  subject->algo = param_or(run, "algo", "");
  std::string model_text;
  try {
    model_text = s.store().read_artifact(run_id, "model/model.json");
  } catch (const std::exception&) {
    throw std::invalid_argument("run " + run_id + " has no saved model (model/model.json is missing); train it again "
                                "to explain it");
  }
  subject->predictor = std::make_unique<Predictor>(json::parse(model_text));
  try {
    subject->contract = InferenceContract::from_json(json::parse(s.store().read_artifact(run_id, "model/contract.json")));
  } catch (const std::exception&) {
    // Older runs have no contract: what-if still works, without ranges.
  }

  const auto& data = s.dataset();
  const std::string hash = tag_or(run, "lab.dataset.hash");
  if (!data || data->hash != hash)
    throw std::invalid_argument("run " + run_id + " was trained on dataset '" + tag_or(run, "lab.dataset.name") +
                                "' version " + hash.substr(0, 8) + ", but the lab now holds " +
                                (data ? "'" + data->name + "' version " + data->hash.substr(0, 8) : std::string("no data")) +
                                "; load that dataset in the Data module to explain its held-out rows");
  subject->dataset_hash = hash;
  const TrainJob split(data->table, split_request(run));
  const Table& t = data->table;
  for (size_t row : split.test_rows()) {
    json rec = json::object();
    for (const std::string& name : subject->predictor->input_names()) {
      const Column* c = t.find(name);
      if (!c) throw std::invalid_argument("the dataset has no column '" + name + "' that run " + run_id + " needs");
      const double v = c->values[row];
      if (std::isnan(v)) rec[name] = nullptr;
      else if (c->type == ColumnType::Categorical) rec[name] = c->categories.at(size_t(v));
      else rec[name] = v;
    }
    subject->records.push_back(std::move(rec));
  }
  // LIME learns its bins and shares from the training rows: every row neither held out nor
  // missing its target.
  std::vector<bool> held_out(t.rows(), false);
  for (size_t row : split.test_rows()) held_out[row] = true;
  const Column* target = t.find(subject->predictor->target_name());
  std::vector<std::vector<double>> lime_columns;
  std::vector<std::vector<std::string>> lime_categories;
  for (const std::string& name : subject->predictor->input_names()) {
    const Column* c = t.find(name);
    std::vector<double> values;
    for (size_t row = 0; row < t.rows(); ++row)
      if (!held_out[row] && (!target || !std::isnan(target->values[row]))) values.push_back(c->values[row]);
    lime_columns.push_back(std::move(values));
    lime_categories.push_back(c->type == ColumnType::Categorical ? c->categories : std::vector<std::string>{});
    Column empty = *c;
    empty.values.clear();
    subject->input_template.columns.push_back(empty);
    for (size_t row : split.test_rows()) empty.values.push_back(c->values[row]);
    subject->held_out.columns.push_back(std::move(empty));
  }
  subject->lime = LimeDomain::fit(subject->predictor->input_names(), lime_columns, lime_categories);

  subject->y = s.test_predictions(run_id).y;
  if (subject->y.size() != subject->records.size())
    throw std::invalid_argument("run " + run_id + "'s held-out rows cannot be found again in the current data (" +
                                std::to_string(subject->y.size()) + " scored, " + std::to_string(subject->records.size()) +
                                " found); retrain it");
  subject->X = subject->predictor->pipeline().transform_records(subject->records);
  return subject;
}

}  // namespace

const json& ExplainSubject::record(int64_t row) const {
  if (row < 0 || size_t(row) >= records.size())
    throw std::invalid_argument("row " + std::to_string(row) + " is out of range: run " + run_id + " has " +
                                std::to_string(records.size()) + " held-out rows, numbered 0 to " +
                                std::to_string(records.size() - 1));
  return records[size_t(row)];
}

const ExplainSubject& ExplainSubjects::get(const Session& s, const std::string& run_id) {
  const std::string hash = s.dataset() ? s.dataset()->hash : "";
  for (auto it = kept_.begin(); it != kept_.end(); ++it)
    if ((*it)->run_id == run_id && (*it)->dataset_hash == hash) {
      auto hit = *it;
      kept_.erase(it);
      kept_.push_back(hit);
      return *hit;
    }
  auto subject = load(s, run_id);
  constexpr size_t kKeep = 3;
  if (kept_.size() >= kKeep) kept_.erase(kept_.begin());
  kept_.push_back(subject);
  return *subject;
}

}  // namespace lab
