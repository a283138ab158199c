#include "commands/run_contract.hpp"

namespace lab {

InferenceContract run_contract(const Table& table, const Schema& schema, const TrainJob& job) {
  InferenceContract c = derive_contract(schema, job.feature_names());
  const Column* target = table.find(job.target_name());
  c.target = describe_target(job.target_name(), target ? target->description : "", to_string(job.target_task().task),
                             job.target_task().class_names);
  return c;
}

}  // namespace lab
