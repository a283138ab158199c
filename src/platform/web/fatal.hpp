#pragma once
// When the lab cannot go on (a wasm abort, an uncaught error, memory exhausted), the page shows
// what happened over the canvas with "Reload the page; your runs are kept." (web/index.html,
// labFatal) instead of freezing on the last frame.
#include <functional>
#include <string>

namespace lab {
class Dispatcher;
}

namespace lab::web {

// Stops the frame loop and shows the message over the canvas.
void report_fatal(const std::string& what);

// Runs one frame; an exception that escapes it is fatal (reported, not a silent freeze).
void run_frame_guarded(const std::function<void()>& frame);

// Test hook ui.simulate_fatal {kind: "abort" | "exception" | "out_of_memory"}: the next frame
// fails that way, outside the module-drawing recovery.
void register_fatal_test_command(Dispatcher& d);

}  // namespace lab::web
