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
};

// site.page_state, site.update_available, site.status and site.reload. `apply_update` is the
// platform's way to switch to the waiting version and reload the page.
void register_site_commands(Dispatcher& d, const Session& s, SiteState& state, std::function<void()> apply_update);

}  // namespace lab
