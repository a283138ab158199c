#include "commands/site_update.hpp"

#include <stdexcept>

namespace lab {

using nlohmann::json;

namespace {
json status_json(const SiteState& st, const Session& s) {
  const bool training = s.training().state == TrainState::Running;
  return json{{"version", st.version},
              {"offline_ready", st.offline_ready},
              {"problem", st.problem},
              {"update_available", st.update_available},
              {"update_version", st.update_version},
              {"can_reload", st.update_available && !training}};
}
}  // namespace

void register_site_commands(Dispatcher& d, const Session& s, SiteState& st, std::function<void()> apply_update) {
  d.add("site.page_state", "the page reports the running version and offline readiness: {version?, offline_ready, problem?}",
        [&st, &s](const json& a) {
          if (a.contains("version")) st.version = a["version"].get<std::string>();
          st.offline_ready = a.value("offline_ready", false);
          st.problem = a.value("problem", std::string());
          if (st.update_available && st.update_version == st.version) st.update_available = false;  // already on it
          return status_json(st, s);
        });
  d.add("site.update_available", "the page reports a newer version installed and waiting: {version}", [&st, &s](const json& a) {
    st.update_version = a.value("version", std::string());
    st.update_available = st.update_version.empty() || st.update_version != st.version;
    return status_json(st, s);
  });
  d.add("site.status", "the site: running version, offline_ready, update_available, update_version, can_reload",
        [&st, &s](const json&) { return status_json(st, s); });
  d.add("site.reload", "switch to the waiting version of the lab and reload the page (not while a run is training)",
        [&st, &s, apply_update](const json&) {
          if (!st.update_available)
            throw std::invalid_argument("no new version of the lab is waiting; this page already runs the newest one it knows");
          if (s.training().state == TrainState::Running)
            throw std::invalid_argument("a run is training: reloading now would stop it. Wait for it to finish (or cancel it), then "
                                        "reload to update; your runs are kept either way");
          if (!apply_update) throw std::invalid_argument("this front end cannot reload itself; restart it to update");
          apply_update();
          return json{{"reloading", true}, {"version", st.update_version}};
        });
}

}  // namespace lab
