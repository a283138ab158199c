#include "commands/session.hpp"

#include <algorithm>
#include <stdexcept>

#include "commands/user_error.hpp"
#include "core/data/csv_parser.hpp"
#include "core/data/dataset_catalog.hpp"
#include "core/data/target_task.hpp"
#include "core/data/text_encoding.hpp"
#include "core/pipeline/test_predictions_io.hpp"
#include "commands/run_contract.hpp"
#include "io/mlmodel.hpp"

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
  store_.set_on_change([this](const StoreChange& c) {
    run_cache_.on_change(c);
    // Cached test predictions go when their run (or everything, e.g. an import) changes.
    predictions_.erase(std::remove_if(predictions_.begin(), predictions_.end(),
                                      [&](const auto& p) { return c.run_id.empty() || p.first == c.run_id; }),
                       predictions_.end());
  });
  store_.ensure_default_experiment();
  models_ = std::make_unique<ModelHub>(store_, clock);
  models_->set_on_write(notify);
  // Serving state sits beside the store, in "<store>-serving" (not inside it: MLflow would take
  // any folder there for an experiment).
  // Request ids get a prefix from the session's entropy, so sessions never share them.
  serving_ = std::make_unique<ServingHub>(store_.root().string() + "-serving", store_, *models_, clock,
                                          id_seed * 0x9E3779B97F4A7C15ULL + 0x5e55);
  serving_->set_on_write(notify);
  // The sync outbox and settings sit beside the store too ("<store>-sync"), as `lab sync` keeps them.
  sync_ = std::make_unique<SyncHub>(store_, store_.root(), clock);
  // Its writes need saving to IndexedDB but change nothing the panels cache on the store version.
  sync_->set_on_write([this] {
    if (on_sync_write_) on_sync_write_();
    else if (on_store_write_) on_store_write_();
  });
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
  return start_training_with(*dataset_, req, run_name);
}

const TrainProgress& Session::start_training_on(DatasetVersion data, const TrainRequest& req, const std::string& run_name) {
  require_no_training("starting another run");
  data.hash = content_hash(data.table);
  data.schema = infer_schema(data.table);
  job_data_ = std::move(data);
  return start_training_with(*job_data_, req, run_name);
}

const TrainProgress& Session::start_training_with(const DatasetVersion& data, const TrainRequest& req, const std::string& run_name) {
  if (training_.state == TrainState::Running)
    throw std::invalid_argument("a training run is already in progress; cancel it first");
  auto job = std::make_unique<TrainJob>(data.table, req);  // validates before anything is written
  train_data_ = &data;

  TrainProgress t;
  t.state = TrainState::Running;
  t.phase = to_string(job->phase());
  t.algo = req.algo;
  t.run_id = new_run_id();
  t.rows_dropped_missing_target = job->dropped_rows();
  t.run_name = run_name.empty() ? req.algo + "-" + t.run_id.substr(0, 6) : run_name;
  {
    // One batched write: listeners (run cache, IndexedDB flush) hear of the new run once.
    auto group = store_.group_writes();
    store_.create_run(experiment_id(), t.run_id, t.run_name, user_);
    try {
      log_run_start(t, *job, req);
    } catch (const std::exception& e) {
      end_run_failed(t.run_id, user_error_message(e, "the start of run '" + t.run_name + "'"));
      throw;
    }
  }
  job_ = std::move(job);
  finish_stage_ = 0;
  model_text_.reset();
  predictions_text_.reset();
  csv_next_ = 0;
  piece_path_.clear();
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

// Params, tags and the dataset input of a new run, in one batch (the caller groups the writes).
void Session::log_run_start(const TrainProgress& t, const TrainJob& job, const TrainRequest& req) {
  LogBatch b;
  for (auto it = job.resolved_params().begin(); it != job.resolved_params().end(); ++it)
    b.params.push_back({it.key(), it.value().is_string() ? it.value().get<std::string>() : it.value().dump()});
  b.params.push_back({"algo", req.algo});
  b.params.push_back({"test_fraction", nlohmann::json(req.test_fraction).dump()});
  b.params.push_back({"seed", std::to_string(req.seed)});
  if (req.task != "auto") b.params.push_back({"task", req.task});
  // MLflow caps a param value at 500 characters; a longer feature spec goes to an artifact.
  const std::string spec = req.features.empty() ? "" : req.features.dump();
  if (!spec.empty() && spec.size() <= 500) b.params.push_back({"features", spec});
  // mlflow.runName and mlflow.user come with create_run; these are MLflow's other standard tags.
  b.tags = {{kTagSourceName, "mlops-lab"},
            {kTagSourceType, "LOCAL"},
            {"lab.dataset.name", train_data_->name},
            {"lab.dataset.hash", train_data_->hash},
            {"lab.dataset.rows", std::to_string(train_data_->table.rows())},
            {"lab.task", to_string(job.target_task().task)},
            {"lab.target", job.target_name()},
            {"lab.rows_dropped_missing_target", std::to_string(job.dropped_rows())}};
  // How the data was made (the journal's steps, without an import's text), so the run can be made
  // again after other data was loaded (a notebook export, commands/run_recipe.hpp).
  if (dataset_ && train_data_ == &*dataset_) {
    nlohmann::json steps = dataset_journal_.steps();
    for (auto& step : steps) step.erase("change");
    const std::string text = steps.dump();
    if (!steps.empty() && text.size() <= 4000) b.tags.push_back({"lab.dataset.steps", text});
  }
  store_.log_batch(t.run_id, b);
  if (spec.size() > 500) store_.write_artifact(t.run_id, "features.json", req.features.dump(2));
  store_.log_inputs(t.run_id, {dataset_input(*train_data_)});
}

std::optional<TrainUnit> Session::advance_training() {
  if (!job_ || training_.state != TrainState::Running) return std::nullopt;
  try {
    if (job_->finished()) return save_unit();
    TrainUnit u = job_->advance();
    training_.phase = to_string(job_->phase());
    training_.unit = u.what;
    if (u.fit) {
      const StepReport& r = *u.fit;
      training_.step = r.step;
      training_.steps.push_back(double(r.step));
      training_.train_loss.push_back(r.train_loss);
      training_.val_loss.push_back(r.val_loss);
      const int64_t now = store_.now_ms();
      LogBatch b;  // both losses in one write
      b.metrics = {{"train_loss", r.train_loss, now, r.step}, {"val_loss", r.val_loss, now, r.step}};
      store_.log_batch(training_.run_id, b);
    }
    training_.progress = job_->finished() ? 0.99 : job_->progress();
    return u;
  } catch (const std::exception& e) {
    training_.error = user_error_message(e, "training");
    finish_training(RunStatus::Failed);
    return TrainUnit{TrainPhase::Done, "failed", std::nullopt};
  }
}

// Finishing, after the job has scored: one artifact per unit, then the run ends.
TrainUnit Session::save_unit() {
  const std::string& id = training_.run_id;
  training_.phase = "finishing";
  switch (finish_stage_++) {
    case 0: {
      LogBatch b;
      const int64_t now = store_.now_ms();
      for (const auto& [name, value] : job_->result().metrics) b.metrics.push_back({name, value, now, training_.step});
      store_.log_batch(id, b);
      return {TrainPhase::Finishing, training_.unit = "log the metrics", std::nullopt};
    }
    case 1: {
      // Hundreds of MB for deep trees at a million rows: a bounded piece of text per unit,
      // appended to the file, a forest's trees built one at a time (core/pipeline/model_text.hpp).
      if (!model_text_) model_text_ = std::make_unique<ModelTextWriter>(*job_);
      std::string piece;
      model_text_->write_next(piece);
      save_piece("model/model.json", piece);
      if (!model_text_->done()) {
        --finish_stage_;  // back to this stage
        const size_t tree = model_text_->item();
        return {TrainPhase::Finishing,
                training_.unit = tree ? "save the model: tree " + std::to_string(tree) + " of " +
                                            std::to_string(model_text_->items())
                                      : std::string("save the model (part)"),
                std::nullopt};
      }
      model_text_.reset();
      return {TrainPhase::Finishing, training_.unit = "save the model", std::nullopt};
    }
    case 2: {
      // The serving contract comes from the data the model was trained on; the MLmodel file
      // makes the model visible to MLflow's own tools.
      InferenceContract contract = run_contract(train_data_->table, train_data_->schema, *job_);
      LoggedModel m;
      m.run_id = id;
      m.model_uuid = new_run_id();
      m.created_ms = store_.now_ms();
      m.algo = training_.algo;
      m.target = job_->target_name();
      m.lab_version = LAB_VERSION;
      m.task = job_->target_task().task;
      m.classes = job_->target_task().class_names;
      m.contract = contract;
      auto group = store_.group_writes();
      store_.write_artifact(id, "model/contract.json", contract.to_json().dump(2));
      store_.write_artifact(id, std::string("model/") + kInputExampleFile, input_example_json(contract).dump());
      store_.write_artifact(id, "model/MLmodel", mlmodel_yaml(m));
      // MLflow lists a run's models from this tag; it caps tag values at 5000 characters, so a
      // very wide model keeps only its MLmodel file.
      const std::string history = nlohmann::json::array({mlmodel_dict(m)}).dump();
      if (history.size() <= 5000) store_.set_tag(id, kTagLoggedModels, history);
      return {TrainPhase::Finishing, training_.unit = "save the contract and the MLmodel file", std::nullopt};
    }
    case 3: {
      // 200k scores are a few MB of text: written a bounded piece per unit, as the model.
      if (!predictions_text_)
        predictions_text_ = std::make_unique<JsonTextWriter>(test_predictions_to_json(job_->test_predictions()));
      std::string piece;
      predictions_text_->write_next(piece, ModelTextWriter::kValuesPerPiece);
      save_piece("eval/test_predictions.json", piece);
      if (!predictions_text_->done()) {
        --finish_stage_;
        return {TrainPhase::Finishing, training_.unit = "save the test predictions (part)", std::nullopt};
      }
      predictions_text_.reset();
      return {TrainPhase::Finishing, training_.unit = "save the test predictions", std::nullopt};
    }
    case 4: {
      // A chunk of rows per unit (200k rows of text take a frame or more at once).
      const TestPredictions& p = job_->test_predictions();
      const size_t from = csv_next_;
      csv_next_ = std::min(p.y.size(), from + TrainJob::kRowChunk);
      std::string piece = from == 0 ? test_predictions_csv_header(p) : std::string();
      append_test_predictions_csv_rows(p, from, csv_next_, piece);
      save_piece("predictions.csv", piece);
      if (csv_next_ < p.y.size()) {
        --finish_stage_;
        return {TrainPhase::Finishing,
                training_.unit = "write predictions.csv rows " + std::to_string(from) + "-" + std::to_string(csv_next_),
                std::nullopt};
      }
      csv_next_ = 0;
      return {TrainPhase::Finishing, training_.unit = "save predictions.csv", std::nullopt};
    }
    default:
      training_.result = job_->result();
      finish_training(RunStatus::Finished);
      return {TrainPhase::Done, training_.unit = "end the run", std::nullopt};
  }
}

void Session::save_piece(const std::string& rel_path, const std::string& piece) {
  if (piece_path_ != rel_path) {
    piece_path_ = rel_path;
    store_.write_artifact(training_.run_id, rel_path, piece);  // replaces whatever was there
  } else {
    store_.append_artifact(training_.run_id, rel_path, piece);
  }
}

int Session::step_training(int max_steps) {
  int taken = 0;
  // Past the last fit step the run is finished off too, as a step used to end it.
  auto fitting_left = [this] { return job_ && job_->phase() <= TrainPhase::Fitting; };
  while (training_.state == TrainState::Running && (taken < max_steps || !fitting_left())) {
    std::optional<TrainUnit> u = advance_training();
    if (!u) break;
    if (u->fit) ++taken;
  }
  return taken;
}

void Session::cancel_training() {
  if (training_.state != TrainState::Running) throw std::invalid_argument("no training run is in progress");
  finish_training(RunStatus::Killed);
}

void Session::finish_training(RunStatus status) {
  if (status == RunStatus::Finished) {
    training_.state = TrainState::Done;
    training_.progress = 1.0;
  } else {
    training_.state = status == RunStatus::Killed ? TrainState::Cancelled : TrainState::Failed;
  }
  training_.phase = "done";
  if (status == RunStatus::Failed) {
    end_run_failed(training_.run_id, training_.error);
    job_.reset();
    return;
  }
  store_.end_run(training_.run_id, status);
  job_.reset();
}

const std::vector<Run>& Session::runs() const { return run_cache_.active(); }

const TestPredictions& Session::test_predictions(const std::string& run_id) const {
  for (auto it = predictions_.begin(); it != predictions_.end(); ++it)
    if (it->first == run_id) {
      auto hit = *it;  // most recently used goes last
      predictions_.erase(it);
      predictions_.push_back(hit);
      return *predictions_.back().second;
    }
  std::string text;
  try {
    text = store_.read_artifact(run_id, "eval/test_predictions.json");
  } catch (const std::runtime_error&) {
    throw std::invalid_argument("run " + run_id + " has no test predictions (it did not finish, or it predates them)");
  }
  std::shared_ptr<const TestPredictions> parsed;
  try {
    parsed = std::make_shared<const TestPredictions>(test_predictions_from_json(nlohmann::json::parse(text)));
  } catch (const nlohmann::json::exception&) {
    throw std::invalid_argument("run " + run_id + " has unreadable test predictions");
  }
  ++prediction_reads_;
  constexpr size_t kKeep = 4;  // Evaluate shows one run and a challenger; a few more are cheap
  if (predictions_.size() >= kKeep) predictions_.erase(predictions_.begin());
  predictions_.emplace_back(run_id, std::move(parsed));
  return *predictions_.back().second;
}

}  // namespace lab
