#pragma once
// Which remote experiment a name means, agreed by every participant of a room.
//
// MLflow's file store creates experiments without a lock: two participants whose first sync
// creates "the room" at the same moment make two experiments of that name, and get-by-name then
// answers the newest, so each would sync into their own. Everybody therefore takes the OLDEST
// active experiment of the name (experiments/search ordered by creation time), which all of them
// agree on once their own create has returned. A SQL-backed MLflow keeps names unique, so there
// the choice is the only one.
#include <string>

#include "core/sync/transport.hpp"

namespace lab::sync {

// experiments/search for the name (get-by-name when the name holds both kinds of quote, which
// MLflow's filter language cannot express).
HttpRequest experiment_by_name_request(const std::string& name);

struct ExperimentMatch {
  enum class Found { None, Active, DeletedOnly } found = Found::None;
  std::string id;  // the oldest active one, or the deleted one
  bool understood = true;  // false: a 200 that is not an answer to the request above
  bool absent = false;     // the server said no experiment has the name: create it
};
// Reads the answer to experiment_by_name_request (a 404 RESOURCE_DOES_NOT_EXIST of get-by-name
// is Found::None, like an empty search).
ExperimentMatch read_experiment_by_name(const HttpResponse& answer);

}  // namespace lab::sync
