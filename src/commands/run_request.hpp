#pragma once
// The training request a finished run was made with, read back from what it logged: the learner
// and its params, the split's test fraction and seed, the task, the feature spec (a param, or the
// features.json artifact when it was longer than MLflow's 500-character param limit).
#include "core/pipeline/train_job.hpp"
#include "core/track/run_types.hpp"
#include "io/file_store.hpp"

namespace lab {

// Params are logged as text; numbers are read back as JSON, choices stay text.
TrainRequest train_request_of(const Run& run, const FileStore& store);

}  // namespace lab
