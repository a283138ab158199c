#include "commands/site_threads.hpp"

#include <algorithm>
#include <thread>

#include "core/tune/worker_pool.hpp"

namespace lab {

using nlohmann::json;

SiteThreads site_threads(const PageThreads& page) {
  SiteThreads t;
  t.build = page.build;
  t.cores = page.cores;
  // Natively the machine's cores; in the threaded wasm build the page's pool of workers.
  const int cores = int(std::max(1u, std::thread::hardware_concurrency()));
  t.threads = threads_available() ? std::min(max_threads(), cores) : 1;
  if (t.threads > 1) return t;
  if (threads_available()) t.reason = "this device reports one core";
  else t.reason = page.reason.empty() ? "this build of the lab has no threads" : page.reason;
  return t;
}

json to_json(const SiteThreads& t) {
  return json{{"build", t.build}, {"threads", t.threads}, {"cores", t.cores}, {"reason", t.reason}};
}

void register_site_threads_commands(Dispatcher& d, PageThreads& page) {
  d.add("site.page_threads",
        "the page reports which build it loaded and why: {build: lab-mt|lab, cores, reason?}; replies as site.threads",
        [&page](const json& a) {
          page.build = a.value("build", std::string());
          page.cores = int(a.value("cores", 0));
          page.reason = a.value("reason", std::string());
          return to_json(site_threads(page));
        });
  d.add("site.threads",
        "how many threads this tab's searches use: {build (lab-mt: WebAssembly threads, lab: one thread), threads, cores, "
        "reason (why one thread; \"\" otherwise)}",
        [&page](const json&) { return to_json(site_threads(page)); });
}

}  // namespace lab
