#include "commands/site_update.hpp"

#include <algorithm>
#include <stdexcept>
#include <thread>

#include "core/tune/worker_pool.hpp"

namespace lab {

using nlohmann::json;

SiteThreads site_threads(const SiteState& st) {
  SiteThreads t;
  t.build = st.build;
  t.cores = st.cores;
  // What the code can do decides, not what the page hoped for (natively: the machine's cores).
  const int cores = int(std::max(1u, std::thread::hardware_concurrency()));
  t.threads = threads_available() ? std::min(max_threads(), cores) : 1;
  if (t.threads > 1) return t;
  if (!threads_available())
    t.reason = st.single_thread_reason.empty() ? "this build of the lab has no threads" : st.single_thread_reason;
  else
    t.reason = "this device reports one core";
  return t;
}

namespace {
json threads_json(const SiteState& st) {
  const SiteThreads t = site_threads(st);
  return json{{"build", t.build}, {"threads", t.threads}, {"cores", t.cores}, {"reason", t.reason}};
}

json status_json(const SiteState& st, const Session& s) {
  const bool training = s.training().state == TrainState::Running;
  return json{{"version", st.version},
              {"offline_ready", st.offline_ready},
              {"problem", st.problem},
              {"update_available", st.update_available},
              {"update_version", st.update_version},
              {"can_reload", st.update_available && !training},
              {"threads", threads_json(st)}};
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
  d.add("site.page_threads",
        "the page reports which build it loaded and why: {build: lab-mt|lab, cores, reason?}; reply {build, threads, cores, "
        "reason} (threads: how many a search can use here; reason: why only one)",
        [&st](const json& a) {
          st.build = a.value("build", std::string());
          st.cores = int(a.value("cores", 0));
          st.single_thread_reason = a.value("reason", std::string());
          return threads_json(st);
        });
  d.add("site.update_available", "the page reports a newer version installed and waiting: {version}", [&st, &s](const json& a) {
    st.update_version = a.value("version", std::string());
    st.update_available = st.update_version.empty() || st.update_version != st.version;
    return status_json(st, s);
  });
  d.add("site.status",
        "the site: running version, offline_ready, update_available, update_version, can_reload, threads {build, threads, "
        "cores, reason}",
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
