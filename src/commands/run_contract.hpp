#pragma once
// The serving contract a finished run saves beside its model (model/contract.json): the input
// fields from the training schema plus what the model predicts and what its classes mean.
#include "core/data/schema.hpp"
#include "core/data/table.hpp"
#include "core/pipeline/train_job.hpp"
#include "core/serve/contract.hpp"

namespace lab {

InferenceContract run_contract(const Table& table, const Schema& schema, const TrainJob& job);

}  // namespace lab
