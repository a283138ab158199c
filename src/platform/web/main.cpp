// The browser entry point: GLFW window on the page's canvas, ImGui frame loop, the IDBFS
// store, and the JavaScript command hook Module.labCommand(json) -> json.
#include <GLFW/glfw3.h>
#include <emscripten.h>
#include <emscripten/heap.h>

#include <memory>
#include <string>

#include "app/app_context.hpp"
#include "app/redraw_policy.hpp"
#include "app/shell.hpp"
#include "app/theme.hpp"
#include "app/wheel_chaining.hpp"
#include "backends/imgui_impl_glfw.h"
#include "backends/imgui_impl_opengl3.h"
#include "imgui_internal.h"  // ErrorCheckEndFrameRecover
#include "commands/dispatcher.hpp"
#include "commands/site_threads.hpp"
#include "commands/site_update.hpp"
#include "imgui.h"
#include "io/system_clock.hpp"
#include "platform/web/fatal.hpp"
#include "platform/web/clipboard.hpp"
#include "platform/web/fetch_transport.hpp"
#include "platform/web/file_transfer.hpp"
#include "platform/web/keyboard.hpp"
#include "platform/web/popup_click.hpp"
#include "platform/web/storage_sync.hpp"
#include "platform/web/thread_pool_readiness.hpp"
#include "platform/web/wheel.hpp"

namespace {

EM_JS(int, js_css_width, (), { return window.innerWidth; });
EM_JS(int, js_css_height, (), { return window.innerHeight; });
EM_JS(double, js_pixel_ratio, (), { return window.devicePixelRatio || 1; });
// Resizes the canvas's pixel buffer and tells GLFW. Not glfwSetWindowSize: in 3.1.6 it requests
// fullscreen (and pointer lock) whenever the size equals the screen's, e.g. a maximised tab.
EM_JS(void, js_set_canvas_size, (int w, int h), { Browser.setCanvasSize(w, h); });
EM_JS(void, js_first_frame, (), { if (Module.labFirstFrame) Module.labFirstFrame(); });
EM_JS(char*, js_load_error, (), {
  var s = Module.labStorageLoadError || "";
  var n = lengthBytesUTF8(s) + 1, p = _malloc(n);
  stringToUTF8(s, p, n);
  return p;
});
// Emscripten 3.1.6's GLFW cannot change cursor shapes and its GLFW_CURSOR_NORMAL path calls
// exitPointerLock(), which throws in Chromium; so ImGui's cursor is mapped to CSS here instead.
EM_JS(void, js_set_cursor, (int c), {
  var names = ["default", "text", "move", "ns-resize", "ew-resize", "nesw-resize", "nwse-resize", "pointer", "not-allowed"];
  Module.canvas.style.cursor = c < 0 ? "none" : (names[c] || "default");
});
EM_JS(void, js_pick_csv, (), { Module.labPickCsv(); });
EM_JS(void, js_pick_track, (), { Module.labPickTrack(); });
EM_JS(void, js_download_text, (const char* name, const char* text), { Module.labDownloadText(UTF8ToString(name), UTF8ToString(text)); });
EM_JS(char*, js_page_origin_raw, (), {
  var s = location.origin, n = lengthBytesUTF8(s) + 1, p = _malloc(n);
  stringToUTF8(s, p, n);
  return p;
});
std::string js_page_origin() {
  char* p = js_page_origin_raw();
  std::string s = p;
  free(p);
  return s;
}
// Deep links: the hash the page was opened with, and the place to show in the address bar
// (pushState for a new place so back/forward walk through them; replaceState for the first).
EM_JS(char*, js_location_hash_raw, (), {
  var s = location.hash || "", n = lengthBytesUTF8(s) + 1, p = _malloc(n);
  stringToUTF8(s, p, n);
  return p;
});
EM_JS(void, js_show_route, (const char* route, int replace), {
  var r = UTF8ToString(route);
  if (location.hash === r) return;
  var url = location.pathname + location.search + r;
  if (replace) history.replaceState(history.state, "", url);
  else history.pushState(null, "", url);
});
EM_JS(void, js_apply_site_update, (), { Module.labApplyUpdate(); });
EM_JS(int, js_is_mac, (), { return /Mac|iPhone|iPad/.test(navigator.platform || "") ? 1 : 0; });
// The time of the last thing the participant did in the page (performance.now(), as
// emscripten_get_now), for the redraw policy. Capturing listeners see events before GLFW's.
EM_JS(void, js_watch_input, (), {
  Module.labInputAt = -1e18;
  var seen = function () { Module.labInputAt = performance.now(); };
  ["pointermove", "pointerdown", "pointerup", "mousemove", "mousedown", "mouseup", "wheel", "keydown", "keyup",
   "touchstart", "touchmove", "touchend", "focus", "resize", "hashchange", "drop", "dragover", "paste"]
    .forEach(function (type) { window.addEventListener(type, seen, { capture: true, passive: true }); });
});
EM_JS(double, js_last_input_ms, (), { return Module.labInputAt; });
EM_JS(double, js_entropy, (), { return crypto.getRandomValues(new Uint32Array(1))[0] * 4294967296 + crypto.getRandomValues(new Uint32Array(1))[0]; });

struct Lab {
  lab::SystemClock clock;
  lab::app::StorageStatus storage;
  lab::SiteState site;  // offline copy and updates (site_worker.js reports through site.* commands)
  lab::PageThreads threads;  // which build index.html loaded and why (pre.js: site.page_threads)
  lab::web::StorageSync sync{storage};
  std::unique_ptr<lab::Session> session;
  std::unique_ptr<lab::Dispatcher> dispatcher;
  std::unique_ptr<lab::app::AppContext> ctx;
  std::unique_ptr<lab::web::FetchTransport> fetch;  // sync's HTTP, one request at a time
  lab::app::Shell shell;
  GLFWwindow* window = nullptr;
  int pixel_w = 0, pixel_h = 0;
  int cursor = -2;
  float scale = 1;
  bool first_frame = true;
  bool interrupted_ended = false;  // runs.end_interrupted ran (once, after the first frame)
  lab::app::RedrawPolicy redraw;
  std::string reply;  // keeps the last labCommand reply alive for JavaScript to read
};
Lab* g_lab = nullptr;

// CSV import from the file picker or a dropped file: the page writes the file into the in-memory
// file system and sends ui.import_file with its path (see pre.js); the outcome is what the Data
// panel shows. Everything goes through the dispatcher: data.import_csv {path} decodes the bytes
// (UTF-8, UTF-16, Windows-1252) and refuses binary files, as for every other front end.
void register_import_commands(Lab& lab) {
  using nlohmann::json;
  lab.dispatcher->add("ui.import_file", "import a CSV the page wrote into the file system and show the outcome: {path, name}",
                      [&lab](const json& a) {
                        std::string name = a.value("name", std::string("imported.csv"));
                        json r = lab.dispatcher->handle({{"cmd", "data.import_csv"}, {"path", a.value("path", std::string())}, {"name", name}});
                        auto& ctx = *lab.ctx;
                        ctx.import_failed = !r.value("ok", false);
                        if (ctx.import_failed) {
                          ctx.import_message = "Could not import " + name + ": " + r.value("error", std::string("unknown error"));
                        } else {
                          ctx.import_message = "Imported " + name + ": " + r["rows"].dump() + " rows x " + r["columns"].dump() + " columns." +
                                               (r.contains("import_note") ? " Note: " + r["import_note"].get<std::string>() + "." : "");
                          lab.shell.select_by_title("data");
                        }
                        return json{{"message", ctx.import_message}, {"failed", ctx.import_failed}};
                      });
  lab.dispatcher->add("ui.import_failed", "show why a chosen file could not be imported: {message}", [&lab](const json& a) {
    lab.ctx->import_failed = true;
    lab.ctx->import_message = a.value("message", std::string("the file could not be read"));
    return json{{"message", lab.ctx->import_message}};
  });
}

void register_platform_commands(Lab& lab) {
  using nlohmann::json;
  lab.dispatcher->add("storage.status", "browser storage: state (saved/pending/saving/error/unavailable), message",
                      [&lab](const json&) {
                        return json{{"state", lab::app::to_string(lab.storage.state)}, {"message", lab.storage.message}};
                      });
  lab.dispatcher->add("storage.flush", "save to IndexedDB now (also happens automatically)", [&lab](const json&) {
    lab.sync.flush_now();
    return json{{"state", lab::app::to_string(lab.storage.state)}};
  });
  lab.dispatcher->add("ui.import_status", "the message the last file import showed", [&lab](const json&) {
    return json{{"message", lab.ctx->import_message}, {"failed", lab.ctx->import_failed}};
  });
  register_import_commands(lab);
  lab.dispatcher->add("ui.simulate_draw_error", "test hook: the next frame's module fails half-way through drawing",
                      [&lab](const json&) {
                        lab.ctx->fail_next_draw = true;
                        return json{{"armed", true}};
                      });
  lab.dispatcher->add("ui.draw_error", "the drawing error the shell is showing, if any", [&lab](const json&) {
    return json{{"message", lab.ctx->draw_error}};
  });
  lab.dispatcher->add("ui.select", "show a module by its title: {module: 'data' | 'explore' | 'train' | 'runs'}",
                      [&lab](const json& a) {
                        std::string m = a.value("module", "");
                        if (!lab.shell.select_by_title(m))
                          throw std::invalid_argument("unknown module '" + m + "'; use one of: " + lab.shell.titles());
                        return json{{"module", m}};
                      });
}

// Puts the place the participant moved to into the address bar (nav.poll; see app/navigator.hpp).
void show_route_in_address_bar(Lab& lab) {
  nlohmann::json r = lab.dispatcher->handle({{"cmd", "nav.poll"}});
  const std::string mode = r.value("mode", "none");
  if (mode != "none") js_show_route(r.value("route", std::string()).c_str(), mode == "replace");
}

// The link the tab was opened with (storage is loaded by now: preRun waits for IndexedDB).
// A bad link is shown above the module by the shell; the lab opens where it was.
void open_initial_link(Lab& lab) {
  char* p = js_location_hash_raw();
  std::string hash = p;
  free(p);
  if (!hash.empty() && hash != "#") lab.dispatcher->handle({{"cmd", "nav.open"}, {"route", hash}});
}

// True when the canvas changed size or pixel ratio (then the frame must be drawn anew).
bool resize_if_needed(Lab& lab) {
  float dpr = float(js_pixel_ratio());
  int w = int(js_css_width() * dpr), h = int(js_css_height() * dpr);
  const bool changed = w != lab.pixel_w || h != lab.pixel_h || dpr != lab.scale;
  if (w != lab.pixel_w || h != lab.pixel_h) {
    lab.pixel_w = w;
    lab.pixel_h = h;
    js_set_canvas_size(w, h);  // the pixel buffer; CSS keeps the canvas full-window
  }
  if (dpr != lab.scale) {
    lab.scale = dpr;
    lab.ctx->scale = dpr;
    // Before the first frame the backend builds the font texture itself; later, rebuild it.
    if (!lab.first_frame) ImGui_ImplOpenGL3_DestroyFontsTexture();
    lab::app::apply_theme(dpr, "/fonts/DejaVuSans.ttf");
    if (!lab.first_frame) ImGui_ImplOpenGL3_CreateFontsTexture();
  }
  return changed;
}

// Training is paced by the runner beside the session (commands/train_runner.hpp): one
// train.frame per frame, a no-op when nothing is training.
// Jobs (commands/jobs/job_hub.hpp) take a step per frame after it: their retraining is that run.
// The search (commands/search_job.hpp) too: fits within its budget, or a poll of its thread.
// Returns whether any of them is at work (the screen then shows live progress).
bool run_training_frame(Lab& lab) {
  const nlohmann::json train = lab.dispatcher->handle(nlohmann::json{{"cmd", "train.frame"}});
  const nlohmann::json jobs = lab.dispatcher->handle(nlohmann::json{{"cmd", "jobs.frame"}});
  const nlohmann::json search = lab.dispatcher->handle(nlohmann::json{{"cmd", "search.frame"}});
  const std::string search_state = search.value("state", "");
  return train.value("state", "") == "running" || jobs.value("active", false) || search_state == "running" ||
         search_state == "finishing";
}

void frame() {
  Lab& lab = *g_lab;
  const bool resized = resize_if_needed(lab);
  const bool busy = run_training_frame(lab);
  // Housekeeping the first frame need not wait for: runs a reloaded or closed page left RUNNING
  // end as KILLED (nothing of this tab runs yet).
  if (!lab.first_frame && !lab.interrupted_ended) {
    lab.interrupted_ended = true;
    lab.dispatcher->handle({{"cmd", "runs.end_interrupted"}});
  }
  const double now = emscripten_get_now();
  lab.sync.tick(now);
  lab.fetch->tick();
  // Draw only when it shows something new (redraw_policy.hpp); the work above runs either way.
  lab.redraw.input(js_last_input_ms());
  if (resized) lab.redraw.look_requested();
  if (!lab.first_frame && !lab.redraw.should_draw(now, busy)) return;
  lab.redraw.drew(now);

  glfwPollEvents();
  ImGui_ImplOpenGL3_NewFrame();
  ImGui_ImplGlfw_NewFrame();
  lab::web::let_popup_closing_click_through();
  lab::web::keyboard_before_new_frame();
  lab::app::pass_wheel_on_at_scroll_end();
  ImGui::NewFrame();
  lab::web::keyboard_after_new_frame();
  try {
    lab.shell.draw(*lab.ctx);
  } catch (const std::exception& e) {
    // Close whatever the module left open so the frame still renders; the shell shows the
    // message above the module from the next frame on.
    ImGui::ErrorCheckEndFrameRecover(nullptr);
    lab.ctx->draw_error = "Drawing the " + std::string(lab.shell.selected_title()) + " module failed: " + e.what();
  }
  ImGui::Render();
  show_route_in_address_bar(lab);
  lab::web::keyboard_end_frame();
  glViewport(0, 0, lab.pixel_w, lab.pixel_h);
  glClearColor(lab::app::kCanvasColor.r, lab::app::kCanvasColor.g, lab::app::kCanvasColor.b, 1.0f);
  glClear(GL_COLOR_BUFFER_BIT);
  ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
  if (int c = ImGui::GetMouseCursor(); c != lab.cursor) {
    lab.cursor = c;
    js_set_cursor(c);
  }
  if (lab.first_frame) {
    lab.first_frame = false;
    js_first_frame();
  }
}

}  // namespace

extern "C" {

EMSCRIPTEN_KEEPALIVE const char* lab_command(const char* json_text) {
  if (!g_lab) return "{\"ok\":false,\"error\":\"the lab is still starting; try again in a moment\"}";
  // A command from the page may change what the screen shows (or read it, as the ui.* test
  // hooks do): the next animation frame draws.
  g_lab->redraw.look_requested();
  g_lab->reply = g_lab->dispatcher->handle_text(json_text ? json_text : "");
  return g_lab->reply.c_str();
}

EMSCRIPTEN_KEEPALIVE void lab_storage_flushed(int ok, const char* error) {
  if (g_lab) g_lab->sync.flush_done(ok != 0, error);
}

EMSCRIPTEN_KEEPALIVE void lab_file_persisted(int id, int ok, const char* error) {
  if (g_lab) g_lab->sync.file_persisted(id, ok != 0, error);
}

EMSCRIPTEN_KEEPALIVE void lab_fetch_done(double id, int status, const char* body, int body_len, const char* failure,
                                         const char* detail) {
  if (g_lab) g_lab->fetch->done(id, status, body, body_len, failure, detail);
}

EMSCRIPTEN_KEEPALIVE void lab_page_hidden() {
  if (g_lab) g_lab->sync.flush_now();
}

}  // extern "C"

int main() {
  if (!glfwInit()) return 1;
  glfwWindowHint(GLFW_CLIENT_API, GLFW_OPENGL_ES_API);
  glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
  glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 0);
  static Lab lab;
  g_lab = &lab;
  lab.window = glfwCreateWindow(js_css_width(), js_css_height(), "mlops-lab", nullptr, nullptr);
  if (!lab.window) return 1;
  glfwMakeContextCurrent(lab.window);

  char* load_error = js_load_error();
  lab.sync.loaded(load_error);
  free(load_error);
  lab.session = std::make_unique<lab::Session>("/lab/mlruns", lab.clock, uint64_t(js_entropy()));
  lab.session->set_on_store_write([] { g_lab->sync.changed(); });
  lab.session->set_on_sync_write([] { g_lab->sync.files_changed(g_lab->session->sync().files_written()); });
  lab.dispatcher = std::make_unique<lab::Dispatcher>(*lab.session);
  lab.ctx = std::make_unique<lab::app::AppContext>(lab::app::AppContext{*lab.session, *lab.dispatcher, lab.storage});
  lab.ctx->pick_csv_file = [] { js_pick_csv(); };
  lab.ctx->pick_track_file = [] { js_pick_track(); };
  lab.ctx->site = &lab.site;
  lab::register_site_commands(*lab.dispatcher, *lab.session, lab.site, [] { js_apply_site_update(); });
  lab::register_site_threads_commands(*lab.dispatcher, lab.threads);
  lab::web::limit_main_thread_searches_to_loaded_workers();
  lab.ctx->download_text = [](const std::string& name, const std::string& text) { js_download_text(name.c_str(), text.c_str()); };
  register_platform_commands(lab);
  lab.fetch = std::make_unique<lab::web::FetchTransport>(*lab.dispatcher, lab.sync, lab.storage);
  // Proxied by the lab's server (--tracking-server), the room's MLflow is this page's own origin.
  lab.dispatcher->handle({{"cmd", "sync.set_default_url"}, {"url", js_page_origin()}});
  lab::web::register_file_transfer_commands(*lab.dispatcher);
  // Runs that would not fit in the tab's heap are refused before they start (train.set_limits);
  // keep a quarter for the data, the app and the browser's own copies.
  lab.dispatcher->handle({{"cmd", "train.set_limits"}, {"memory_mb", double(emscripten_get_heap_max()) * 0.75 / 1e6}});
  lab::web::register_fatal_test_command(*lab.dispatcher);
  lab::web::register_keyboard_commands(*lab.dispatcher);
  lab.ctx->pick_batch_csv = [] { lab::web::pick_batch_csv(); };
  lab.shell.attach(*lab.ctx);  // panels' ui.* commands work before their panel is drawn
  open_initial_link(lab);

  IMGUI_CHECKVERSION();
  ImGui::CreateContext();
  ImGui::GetIO().IniFilename = nullptr;  // layout is fixed; nothing to persist
  ImGui::GetIO().ConfigFlags |= ImGuiConfigFlags_NoMouseCursorChange;  // see js_set_cursor
  ImGui_ImplGlfw_InitForOpenGL(lab.window, true);
  lab::web::install_browser_clipboard();
  lab::web::install_keyboard(lab.window, js_is_mac() != 0);
  lab::web::install_wheel_scrolling(lab.window);  // after ImGui's callbacks: replaces its scroll one
  js_watch_input();
  ImGui_ImplOpenGL3_Init("#version 300 es");
  lab.scale = 0;  // forces font and style setup on the first frame
  // A failure that escapes a frame stops the lab with a message over the canvas (fatal.hpp).
  emscripten_set_main_loop([] { lab::web::run_frame_guarded(frame); }, 0, false);
  return 0;
}
