#pragma once
// `lab sync` and `lab room`: the store's runs to a remote MLflow, and the room's leaderboard
// back. Native HTTP (cpp-httplib); planning and the outbox are the shared core/io code.
#include <map>
#include <string>

namespace lab {

#define LAB_SYNC_USAGE                                                                                      \
  "  lab sync --server URL [--experiment NAME] [--user NAME] [--retry-for SECONDS] [--store DIR]\n"          \
  "      send every run of the store (params, full metric histories, tags, dataset inputs, artifacts,\n"     \
  "      status, deletions and renames) to an MLflow tracking server; each run goes up exactly once and\n"   \
  "      an interrupted sync resumes where it stopped. --experiment: the remote experiment (created if\n"    \
  "      missing; default: each local experiment's own name). Credentials of MLflow's basic-auth app:\n"     \
  "      MLFLOW_TRACKING_USERNAME / MLFLOW_TRACKING_PASSWORD.\n"                                              \
  "  lab room --server URL --experiment NAME [--metric M] [--json]\n"                                         \
  "      the room's leaderboard: everyone's runs in that experiment ranked by a metric, and who made them\n"

int sync_command(const std::map<std::string, std::string>& flags);
int room_command(const std::map<std::string, std::string>& flags, bool json_output);

}  // namespace lab
