#pragma once
// Which build of the app the page loaded and how many threads the tab's searches can use. The page
// (web/index.html) loads lab-mt, built with WebAssembly threads, where it is cross-origin isolated
// and lab (one thread) elsewhere, and reports its choice and reason through site.page_threads;
// site.threads is what the status bar shows: "2 cores", or one core and why.
#include <string>

#include "commands/dispatcher.hpp"

namespace lab {

// What the page said.
struct PageThreads {
  std::string build;   // "lab-mt" or "lab"; "" until the page says
  int cores = 0;       // the cores the browser reports
  std::string reason;  // why the page loaded the one-thread build, in words
};

// What this tab can do: its own code decides, not what the page hoped for.
struct SiteThreads {
  std::string build;
  int threads = 1;     // how many threads a search uses at most
  int cores = 0;
  std::string reason;  // why only one; "" when threads > 1
};
SiteThreads site_threads(const PageThreads& page);
nlohmann::json to_json(const SiteThreads& t);

// site.page_threads {build, cores, reason?} (the page reports) and site.threads (read it).
void register_site_threads_commands(Dispatcher& d, PageThreads& page);

}  // namespace lab
