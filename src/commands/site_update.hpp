#pragma once
// The hosted site's state as the page reports it: which version runs, whether it works offline
// (a service worker holds a copy), and whether a newer version is installed and waiting.
// The platform reports through site.* commands; the shell shows "Reload to update" from this
// state and issues site.reload, which refuses while a run is training (a reload would cut it).
#include <functional>
#include <nlohmann/json.hpp>
#include <string>

#include "commands/dispatcher.hpp"

namespace lab {

struct SiteState {
  std::string version;         // the running version (content hash of the app's files); "" unknown
  bool offline_ready = false;  // a service worker controls the page: it reloads with no network
  std::string problem;         // why offline use could not be set up, in words
  bool update_available = false;
  std::string update_version;  // the waiting version
  // Which build of the app the page loaded (web/index.html chooses): "lab-mt" runs trials on
  // WebAssembly threads, "lab" on one thread; "" until the page says (and in front ends without one).
  std::string build;
  int cores = 0;                       // the cores the browser reports
  std::string single_thread_reason;    // why the page loaded the one-thread build, in words
};

// How many threads this tab's searches can use and, when one, why.
struct SiteThreads {
  std::string build;
  int threads = 1;
  int cores = 0;
  std::string reason;  // "" when threads > 1
};
SiteThreads site_threads(const SiteState& state);

// site.page_state, site.page_threads, site.update_available, site.status and site.reload. `apply_update` is the
// platform's way to switch to the waiting version and reload the page.
void register_site_commands(Dispatcher& d, const Session& s, SiteState& state, std::function<void()> apply_update);

}  // namespace lab
