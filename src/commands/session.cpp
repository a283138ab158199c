#include "commands/session.hpp"

#include <stdexcept>

#include "commands/user_error.hpp"
#include "core/data/csv_parser.hpp"
#include "core/data/dataset_catalog.hpp"
#include "core/data/target_task.hpp"
#include "core/data/text_encoding.hpp"
#include "core/pipeline/test_predictions_io.hpp"
#include "commands/run_contract.hpp"

namespace lab {

const char* to_string(TrainState s) {
  switch (s) {
    case TrainState::Idle: return "idle";
    case TrainState::Running: return "running";
    case TrainState::Done: return "done";
    case TrainState::Cancelled: return "cancelled";
    case TrainState::Failed: return "failed";
  }
  return "idle";
}

Session::Session(std::filesystem::path store_root, const Clock& clock, uint64_t id_seed, std::string user)
    : store_(store_root, clock), ids_(id_seed), user_(std::move(user)), dataset_journal_(store_root.string() + "-data") {
  // Every write (runs, registry, serving) bumps the version the UI caches on and tells the
  // platform, which schedules an IndexedDB flush in the browser.
  auto notify = [this] {
    ++store_version_;
    if (on_store_write_) on_store_write_();
  };
  store_.set_on_write(notify);
  store_.set_on_change([this](const StoreChange& c) { run_cache_.on_change(c); });
  store_.ensure_default_experiment();
  models_ = std::make_unique<ModelHub>(store_, clock);
  models_->set_on_write(notify);
  // Serving state sits beside the store, in "<store>-serving" (not inside it: MLflow would take
  // any folder there for an experiment).
  // Request ids get a prefix from the session's entropy, so sessions never share them.
  serving_ = std::make_unique<ServingHub>(store_.root().string() + "-serving", store_, *models_, clock,
                                          id_seed * 0x9E3779B97F4A7C15ULL + 0x5e55);
  serving_->set_on_write(notify);
  dataset_journal_.set_on_write(notify);
  restore_dataset();
}

void Session::require_no_training(const char* action) const {
  if (training_.state == TrainState::Running)
    throw std::invalid_argument(std::string("a training run is in progress; cancel it or wait before ") + action);
}

const DatasetVersion& Session::install_dataset(DatasetVersion d) {
  d.hash = content_hash(d.table);
  d.schema = infer_schema(d.table);
  dataset_ = std::move(d);
  return *dataset_;
}

const DatasetVersion& Session::generate(const std::string& name, int64_t rows, uint64_t seed) {
  const DatasetInfo& info = dataset_info(name);  // unknown names fail before anything changes
  require_no_training("changing the data");
  DatasetVersion d;
  d.name = name;
  d.seed = seed;
  d.source = info.generated ? "generated" : "bundled";
  d.process = info.process;
  d.table = make_dataset(name, rows, seed);
  return remember(install_dataset(std::move(d)), {{"kind", "generate"}, {"name", name}, {"rows", rows}, {"seed", seed}});
}

const DatasetVersion& Session::import_csv(const std::string& name, const std::string& text, const std::string& target) {
  require_no_training("changing the data");
  DatasetVersion d;
  d.name = name.empty() ? "imported" : to_valid_utf8(name);
  d.source = "imported";
  d.process = "imported from the CSV file '" + d.name + "'";
  DecodedText decoded = decode_text_file(text);
  d.table = parse_csv(decoded.text);
  d.import_note = decoded.note;
  assign_roles(d.table, target);
  const DatasetVersion& v = install_dataset(std::move(d));
  if (!replaying_datasets_) dataset_journal_.imported(v.name, text, target, v.hash);
  return v;
}

const DatasetVersion& Session::set_target(const std::string& column) {
  if (!dataset_) throw std::invalid_argument("no dataset yet; generate or import one first");
  require_no_training("changing the target");
  Column* c = dataset_->table.find(column);
  if (!c) {
    std::string names;
    for (const auto& col : dataset_->table.columns) names += (names.empty() ? "" : ", ") + col.name;
    throw std::invalid_argument("there is no column '" + column + "'; the columns are: " + names);
  }
  DatasetVersion d = *dataset_;
  d.task = "auto";  // a task choice belongs to the target it was made for
  for (auto& col : d.table.columns) {
    if (col.name == column) col.role = ColumnRole::Target;
    else if (col.role == ColumnRole::Target) col.role = ColumnRole::Feature;
  }
  return remember(install_dataset(std::move(d)), {{"kind", "target"}, {"column", column}});
}

const DatasetVersion& Session::set_role(const std::string& column, const std::string& role) {
  if (!dataset_) throw std::invalid_argument("no dataset yet; generate or import one first");
  require_no_training("changing a column's role");
  DatasetVersion d = *dataset_;
  set_column_role(d.table, column, role);
  const Column* before = dataset_->table.target();
  const Column* after = d.table.target();
  if ((before ? before->name : "") != (after ? after->name : "")) d.task = "auto";
  return remember(install_dataset(std::move(d)), {{"kind", "role"}, {"column", column}, {"role", role}});
}

const DatasetVersion& Session::remember(const DatasetVersion& d, const nlohmann::json& step) {
  if (replaying_datasets_) return d;
  std::string kind = step["kind"];
  if (kind == "generate")
    dataset_journal_.generated(d.name, step["rows"].get<int64_t>(), step["seed"].get<uint64_t>(), d.hash);
  else if (kind == "target")
    dataset_journal_.target_set(step["column"], d.hash);
  else
    dataset_journal_.role_set(step["column"], step["role"], d.hash);
  return d;
}

// Replays the saved steps; keeps the result only when every step gives its recorded hash (a
// generator that changed since would otherwise pass off other rows as the same version).
void Session::restore_dataset() {
  nlohmann::json steps = dataset_journal_.steps();
  if (steps.empty()) return;
  replaying_datasets_ = true;
  try {
    for (const auto& st : steps) {
      std::string kind = st.value("kind", "");
      if (kind == "generate") generate(st.at("name"), st.at("rows").get<int64_t>(), st.at("seed").get<uint64_t>());
      else if (kind == "import") import_csv(st.at("name"), dataset_journal_.imported_text(), st.value("target", ""));
      else if (kind == "target") set_target(st.at("column"));
      else if (kind == "role") set_role(st.at("column"), st.at("role"));
      else if (kind == "task") set_task(st.at("task"));
      else throw std::runtime_error("unknown step");
      if (dataset_->hash != st.value("hash", "")) throw std::runtime_error("the data no longer matches its version");
    }
    dataset_journal_.adopt(steps);
  } catch (const std::exception&) {
    dataset_.reset();  // start without data rather than with data that is not what was saved
  }
  replaying_datasets_ = false;
}

const DatasetVersion& Session::set_task(const std::string& task) {
  if (!dataset_) throw std::invalid_argument("no dataset yet; generate or import one first");
  require_no_training("changing the task");
  const Column* target = dataset_->table.target();
  if (!target) throw std::invalid_argument("the dataset has no target column; choose the target first");
  if (task != "auto") parse_task(task);  // names the valid tasks
  detect_target_task(*target, task);      // says why the target cannot serve the task
  dataset_->task = task;
  if (!replaying_datasets_) dataset_journal_.task_set(task, dataset_->hash);
  return *dataset_;
}

const std::vector<QualityCheck>& Session::quality() const {
  if (!dataset_) throw std::invalid_argument("no dataset yet; generate or import one first");
  const std::string key = dataset_->hash + "/" + dataset_->task;  // the task changes balance and leakage
  if (quality_hash_ != key) {
    quality_ = run_quality_checks(dataset_->table, dataset_->task);
    quality_hash_ = key;
  }
  return quality_;
}

std::string Session::new_run_id() {
  static const char* hex = "0123456789abcdef";
  std::string id;
  for (int i = 0; i < 2; ++i) {
    uint64_t v = ids_.next_u64();
    for (int s = 60; s >= 0; s -= 4) id += hex[(v >> s) & 15];
  }
  return id;
}

std::string Session::new_experiment_id() {
  std::string id = std::to_string(1 + ids_.next_u64() % 9);
  while (id.size() < 18) id += std::to_string(ids_.next_u64() % 10);
  return id;
}

void Session::select_experiment(const std::string& experiment_id) {
  Experiment e = store_.get_experiment(experiment_id);
  if (e.lifecycle_stage == "deleted")
    throw std::invalid_argument("experiment '" + e.name + "' is deleted; restore it to use it");
  run_cache_.set_experiment(experiment_id);
}

namespace {
// The dataset a run trained on, as an MLflow dataset input (name + content digest, schema in
// MLflow's colspec form, profile with the row count) so lineage shows in MLflow's UI too.
DatasetInput dataset_input(const DatasetVersion& d) {
  nlohmann::json cols = nlohmann::json::array();
  for (const auto& c : d.schema.columns)
    cols.push_back({{"type", c.type == ColumnType::Numeric ? "double" : "string"}, {"name", c.name}, {"required", true}});
  DatasetInput in;
  in.dataset.name = d.name;
  in.dataset.digest = d.hash.substr(0, 32);  // MLflow caps digests at 36 characters
  in.dataset.source_type = "code";
  in.dataset.source = nlohmann::json{{"tags", {{"lab.generator", d.name}, {"lab.seed", std::to_string(d.seed)}}}}.dump();
  in.dataset.schema = nlohmann::json{{"mlflow_colspec", cols}}.dump();
  in.dataset.profile = nlohmann::json{{"num_rows", d.table.rows()}, {"num_elements", d.table.rows() * d.schema.columns.size()}}.dump();
  in.tags[kTagDataContext] = "training";
  return in;
}
}  // namespace

const TrainProgress& Session::start_training(const TrainRequest& req, const std::string& run_name) {
  if (!dataset_) throw std::invalid_argument("no dataset yet; generate or import one first");
  if (training_.state == TrainState::Running)
    throw std::invalid_argument("a training run is already in progress; cancel it first");
  auto job = std::make_unique<TrainJob>(dataset_->table, req);  // validates before anything is written

  TrainProgress t;
  t.state = TrainState::Running;
  t.algo = req.algo;
  t.run_id = new_run_id();
  t.rows_dropped_missing_target = job->dropped_rows();
  t.run_name = run_name.empty() ? req.algo + "-" + t.run_id.substr(0, 6) : run_name;
  store_.create_run(experiment_id(), t.run_id, t.run_name, user_);
  try {
    log_run_start(t, *job, req);
  } catch (const std::exception& e) {
    end_run_failed(t.run_id, user_error_message(e, "the start of run '" + t.run_name + "'"));
    throw;
  }
  job_ = std::move(job);
  training_ = std::move(t);
  return training_;
}

void Session::end_run_failed(const std::string& run_id, const std::string& reason) {
  // A run that could not go on ends FAILED with its reason, never stays RUNNING in the store.
  try {
    store_.set_tag(run_id, "lab.error", reason.substr(0, 4000));  // MLflow caps tag values at 5000
  } catch (const std::exception&) {
  }
  try {
    store_.end_run(run_id, RunStatus::Failed);
  } catch (const std::exception&) {
  }
}

void Session::log_run_start(const TrainProgress& t, const TrainJob& job_ref, const TrainRequest& req) {
  const TrainJob* job = &job_ref;
  store_.set_tag(t.run_id, "lab.rows_dropped_missing_target", std::to_string(job->dropped_rows()));
  for (auto it = job->resolved_params().begin(); it != job->resolved_params().end(); ++it)
    store_.log_param(t.run_id, it.key(), it.value().is_string() ? it.value().get<std::string>() : it.value().dump());
  store_.log_param(t.run_id, "algo", req.algo);
  store_.log_param(t.run_id, "test_fraction", nlohmann::json(req.test_fraction).dump());
  store_.log_param(t.run_id, "seed", std::to_string(req.seed));
  store_.set_tag(t.run_id, "mlflow.source.name", "mlops-lab");
  store_.set_tag(t.run_id, "mlflow.source.type", "LOCAL");
  store_.set_tag(t.run_id, "lab.dataset.name", dataset_->name);
  store_.set_tag(t.run_id, "lab.dataset.hash", dataset_->hash);
  store_.set_tag(t.run_id, "lab.dataset.rows", std::to_string(dataset_->table.rows()));
  store_.set_tag(t.run_id, "lab.task", to_string(job->target_task().task));
  store_.set_tag(t.run_id, "lab.target", job->target_name());
  if (req.task != "auto") store_.log_param(t.run_id, "task", req.task);
  if (!req.features.empty()) {  // MLflow caps a param value at 500 characters; longer specs go to an artifact
    std::string spec = req.features.dump();
    if (spec.size() <= 500) store_.log_param(t.run_id, "features", spec);
    else store_.write_artifact(t.run_id, "features.json", req.features.dump(2));
  }
  store_.log_inputs(t.run_id, {dataset_input(*dataset_)});
}

int Session::step_training(int max_steps) {
  int taken = 0;
  while (job_ && training_.state == TrainState::Running && taken < max_steps) {
    try {
      StepReport r = job_->step();
      ++taken;
      training_.step = r.step;
      training_.steps.push_back(double(r.step));
      training_.train_loss.push_back(r.train_loss);
      training_.val_loss.push_back(r.val_loss);
      store_.log_metric(training_.run_id, "train_loss", r.train_loss, r.step);
      store_.log_metric(training_.run_id, "val_loss", r.val_loss, r.step);
      training_.progress = job_->progress();
      if (job_->done()) finish_training(RunStatus::Finished);
    } catch (const std::exception& e) {
      training_.error = user_error_message(e, "training");
      finish_training(RunStatus::Failed);
    }
  }
  return taken;
}

void Session::cancel_training() {
  if (training_.state != TrainState::Running) throw std::invalid_argument("no training run is in progress");
  finish_training(RunStatus::Killed);
}

void Session::finish_training(RunStatus status) {
  const std::string& id = training_.run_id;
  if (status == RunStatus::Finished) {
    TrainResult r = job_->evaluate();
    int64_t step = training_.step;
    for (const auto& [name, value] : r.metrics) store_.log_metric(id, name, value, step);
    store_.write_artifact(id, "model/model.json", job_->model_json().dump(2));
    // The serving contract comes from the data the model was trained on.
    store_.write_artifact(id, "model/contract.json", run_contract(dataset_->table, dataset_->schema, *job_).to_json().dump(2));
    TestPredictions tp = job_->test_predictions();
    store_.write_artifact(id, "eval/test_predictions.json", test_predictions_to_json(tp).dump());
    store_.write_artifact(id, "predictions.csv", test_predictions_to_csv(tp));
    training_.result = r;
    training_.state = TrainState::Done;
    training_.progress = 1.0;
  } else {
    training_.state = status == RunStatus::Killed ? TrainState::Cancelled : TrainState::Failed;
  }
  if (status == RunStatus::Failed) {
    end_run_failed(id, training_.error);
    job_.reset();
    return;
  }
  store_.end_run(id, status);
  job_.reset();
}

const std::vector<Run>& Session::runs() const { return run_cache_.active(); }

}  // namespace lab
