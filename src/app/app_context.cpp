#include "app/app_context.hpp"

#include "core/data/target_task.hpp"

namespace lab::app {

const char* to_string(StorageStatus::State s) {
  switch (s) {
    case StorageStatus::State::Loading: return "loading";
    case StorageStatus::State::Saved: return "saved";
    case StorageStatus::State::Pending: return "pending";
    case StorageStatus::State::Saving: return "saving";
    case StorageStatus::State::Unavailable: return "unavailable";
    case StorageStatus::State::Error: return "error";
  }
  return "loading";
}

nlohmann::json AppContext::run(const nlohmann::json& command, std::string* error_out) {
  nlohmann::json reply = dispatcher.handle(command);
  if (error_out) *error_out = reply.value("ok", false) ? "" : reply.value("error", "failed");
  return reply;
}

Task target_task(const AppContext& ctx) {
  const auto& d = ctx.session.dataset();
  const Column* t = d ? d->table.target() : nullptr;
  if (!t) return Task::Binary;
  try {
    return detect_target_task(*t, d->task).task;
  } catch (const std::exception&) {
    return Task::Binary;
  }
}

}  // namespace lab::app
