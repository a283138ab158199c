#include "app/navigator.hpp"

#include <cctype>
#include <stdexcept>

#include "app/shell.hpp"

namespace lab::app {

using nlohmann::json;

namespace {
std::string lower(std::string s) {
  for (char& c : s) c = char(std::tolower(static_cast<unsigned char>(c)));
  return s;
}
// A command that must work for the link to open; its error becomes the link's problem.
json must(AppContext& ctx, const json& command) {
  json r = ctx.dispatcher.handle(command);
  if (!r.value("ok", false)) throw std::invalid_argument(r.value("error", std::string("failed")));
  return r;
}
}  // namespace

void Navigator::attach(AppContext& ctx) {
  ctx.dispatcher.add("nav.open", "open the place a link names: {route: '#/train' | '#/runs/<run id>' | '#/guide/<track>/<step>'}",
                     [this, &ctx](const json& a) { return open(ctx, a.value("route", std::string())); });
  ctx.dispatcher.add("nav.poll",
                     "the platform asks each frame where the participant is: {route, mode: 'push' (a new place), 'replace' "
                     "(the first) or 'none'}",
                     [this, &ctx](const json&) { return poll(ctx); });
  ctx.dispatcher.add("nav.where", "the place shown now, as a link: {route, module, guide}", [this, &ctx](const json&) {
    return json{{"route", route_text(module_place())}, {"module", lower(shell_.selected_title())},
                {"guide", route_text(guide_place(ctx))}, {"problem", problem_}};
  });
}

Route Navigator::module_place() const {
  Route r;
  r.kind = Route::Kind::Module;
  r.module = lower(shell_.selected_title());
  if (std::string run = shell_.selected_detail(); r.module == "runs" && !run.empty()) {
    r.kind = Route::Kind::Run;
    r.run_id = run;
    r.module.clear();
  }
  return r;
}

Route Navigator::guide_place(AppContext& ctx) const {
  json w = ctx.dispatcher.handle({{"cmd", "guide.where"}});
  Route r;
  if (!w.value("ok", false) || !w["track"].is_string()) return r;
  r.kind = Route::Kind::GuideStep;
  r.track = w["track"].get<std::string>();
  r.step = w.value("step", size_t(1));
  return r;
}

void Navigator::remember_current(AppContext& ctx) {
  started_ = true;
  module_seen_ = module_place();
  guide_seen_ = guide_place(ctx);
}

json Navigator::open(AppContext& ctx, const std::string& hash) {
  try {
    const Route r = parse_route(hash);
    switch (r.kind) {
      case Route::Kind::None: break;
      case Route::Kind::Module:
        if (!shell_.select_by_title(r.module))
          throw std::invalid_argument("the link names a module '" + r.module + "' the lab does not have; its modules are " +
                                      shell_.titles());
        break;
      case Route::Kind::Run: {
        json got = ctx.dispatcher.handle({{"cmd", "runs.get"}, {"run_id", r.run_id}});
        if (!got.value("ok", false))
          throw std::invalid_argument("the link names run " + r.run_id +
                                      ", which this browser does not hold. Runs are kept in the browser that trained them: "
                                      "import the run's archive (Runs module) or sync with the room first");
        shell_.select_by_title("runs");
        must(ctx, {{"cmd", "ui.runs"}, {"filter", ""}, {"select", json::array({r.run_id})}});
        break;
      }
      case Route::Kind::GuideStep: {
        must(ctx, {{"cmd", "guide.start"}, {"track", r.track}});
        if (r.step) must(ctx, {{"cmd", "guide.go"}, {"step", r.step}});
        shell_.show_guide();
        json st = must(ctx, {{"cmd", "guide.status"}});
        if (st.contains("step") && st["step"].contains("module")) shell_.select_by_title(st["step"]["module"].get<std::string>());
        break;
      }
    }
    problem_.clear();
  } catch (const std::exception& e) {
    problem_ = std::string("Could not open the link ") + hash + ": " + e.what() + ".";
    remember_current(ctx);  // the address bar keeps the bad link; the lab stays where it is
    throw std::invalid_argument(problem_);
  }
  remember_current(ctx);
  return json{{"route", route_text(module_place())}, {"guide", route_text(guide_place(ctx))}};
}

json Navigator::poll(AppContext& ctx) {
  if (!started_) {
    remember_current(ctx);
    return json{{"route", route_text(module_seen_)}, {"mode", "replace"}};
  }
  // A step change in the guide is the newer place; a module or run change otherwise.
  Route guide = guide_place(ctx), module = module_place();
  const bool guide_moved = !(guide == guide_seen_), module_moved = !(module == module_seen_);
  guide_seen_ = guide;
  module_seen_ = module;
  if (guide_moved && guide.kind != Route::Kind::None) return json{{"route", route_text(guide)}, {"mode", "push"}};
  if (module_moved) return json{{"route", route_text(module)}, {"mode", "push"}};
  return json{{"route", ""}, {"mode", "none"}};
}

}  // namespace lab::app
