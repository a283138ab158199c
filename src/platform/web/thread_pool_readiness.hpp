#pragma once
// The threaded build's pool of workers (-sPTHREAD_POOL_SIZE) loads while the first frames draw
// (-sPTHREAD_POOL_DELAY_LOAD: main() does not wait for it, which cost a cached visit ~0.2 s).
// A search the page's main thread waits for (tune.run through the command hook) may then start
// only the threads whose workers have loaded; the rest of its trials run on the main thread.
// A no-op in the one-thread build.
namespace lab::web {

void limit_main_thread_searches_to_loaded_workers();

}  // namespace lab::web
