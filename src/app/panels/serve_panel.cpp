#include "app/panels/serve_panel.hpp"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <cstring>

#include "app/labelled_widgets.hpp"
#include "app/widgets.hpp"
#include "imgui.h"

namespace lab::app {

using nlohmann::json;

namespace {
// "loan-approval" -> "loan-api", "churn" -> "churn-api": the endpoint name the workshops use.
std::string default_endpoint_name(const std::string& model) {
  std::string stem = model.substr(0, model.find('-'));
  std::string out;
  for (char c : stem) out += (std::isalnum(static_cast<unsigned char>(c)) || c == '_') ? c : '-';
  return (out.empty() ? "model" : out) + "-api";
}

std::string endpoint_label(const json& e) {
  std::string label = e["name"].get<std::string>() + ":  " + e["model"].get<std::string>() + " @" + e["alias"].get<std::string>();
  if (e.value("version", 0) > 0) label += " (v" + std::to_string(e["version"].get<int>()) + ")";
  return label;
}
}  // namespace

void ServePanel::refresh_deployed(AppContext& ctx) {
  if (deployed_version_ == ctx.session.store_version()) return;
  deployed_version_ = ctx.session.store_version();
  deployed_list_ = ctx.run({{"cmd", "serve.list"}}, nullptr).value("deployed", json::array());
  // Nothing chosen yet (e.g. after a reload): show the first deployed endpoint, and let the
  // deploy form start from its model, so the form never pairs a model with an unrelated endpoint.
  if (!deployed_list_.empty() && !deployed(viewing_)) viewing_ = deployed_list_[0]["name"].get<std::string>();
  if (const json* e = deployed(viewing_); e && !model_chosen_) {
    model_ = (*e)["model"].get<std::string>();
    std::snprintf(alias_, sizeof alias_, "%s", (*e)["alias"].get<std::string>().c_str());
  }
}

const json* ServePanel::deployed(const std::string& name) const {
  for (const auto& e : deployed_list_)
    if (e["name"] == name) return &e;
  return nullptr;
}

void ServePanel::deploy(AppContext& ctx, bool replace) {
  json r = ctx.run({{"cmd", "serve.deploy"}, {"endpoint", std::string(endpoint_)}, {"model", model_}, {"alias", std::string(alias_)},
                    {"challenger_alias", std::string(challenger_)}, {"challenger_share", double(share_)},
                    {"fallback_version", fallback_}, {"out_of_range", warn_out_of_range_ ? "warn" : "reject"},
                    {"replace", replace}},
                   &error_);
  if (r.value("ok", false)) viewing_ = endpoint_;
  request_for_.clear();
  cached_version_ = 0;
}

void ServePanel::draw_deploy(AppContext& ctx) {
  const auto& models = ctx.session.models().registry().models();
  section_title("Deploy");
  if (models.empty()) {
    ImGui::TextDisabled("Register a model in the Registry first; then serve its @champion here.");
    return;
  }
  std::string& model = model_;
  if (!models.count(model)) model = models.begin()->first;
  // The endpoint name follows the model while it still holds the name the form filled in (or
  // nothing); a name the participant typed stays. Judged by the text, not by an edit event, so
  // a cancelled dialog or a refocused field cannot pin the old model's name.
  const std::string suggested = default_endpoint_name(model);
  if (endpoint_[0] == 0 || endpoint_filled_ == endpoint_) std::snprintf(endpoint_, sizeof endpoint_, "%s", suggested.c_str());
  endpoint_filled_ = suggested;
  // The form's rows wrap where the window is narrow (800 px): each field goes on the same line only
  // when it fits whole.
  const float field_w = ImGui::GetFontSize() * 10, gap = ImGui::GetStyle().ItemSpacing.x;
  ImGui::PushItemWidth(field_w);
  if (begin_combo("model", model.c_str())) {
    for (const auto& [n, m] : models)
      if (ImGui::Selectable(n.c_str(), n == model)) {
        model = n;
        model_chosen_ = true;
      }
    ImGui::EndCombo();
  }
  same_line_if_fits(labelled_width(field_w, "alias"), gap);
  ImGui::InputText("alias", alias_, sizeof alias_);
  same_line_if_fits(labelled_width(field_w, "endpoint") + ImGui::GetFontSize() * 2, gap);
  ImGui::InputText("endpoint", endpoint_, sizeof endpoint_);
  help_marker("Named after the model until you type a name. Deploying to the name of a live endpoint replaces it (you are asked first).");
  ImGui::InputText("challenger alias", challenger_, sizeof challenger_);
  same_line_if_fits(labelled_width(field_w, "challenger share") + ImGui::GetFontSize() * 2, gap);
  ImGui::SliderFloat("challenger share", &share_, 0.0f, 0.5f, "%.2f");
  help_marker("Share of requests routed to the @challenger version to compare it with the champion on live traffic.");
  input_int("fallback version", &fallback_);
  help_marker("A version that answers while the primary fails (0 = none). The circuit breaker opens after 3 failures.");
  same_line_if_fits(ImGui::GetFrameHeight() + labelled_width(0, "only warn on out-of-range values"), gap);
  ImGui::Checkbox("only warn on out-of-range values", &warn_out_of_range_);
  ImGui::PopItemWidth();
  if (ImGui::Button("Deploy")) {
    if (deployed(endpoint_)) ImGui::OpenPopup("Replace live endpoint?");
    else deploy(ctx, false);
  }
  draw_replace_confirmation(ctx);
}

void ServePanel::draw_replace_confirmation(AppContext& ctx) {
  ImGui::SetNextWindowSize(ImVec2(ImGui::GetFontSize() * 26, 0), ImGuiCond_Appearing);
  if (!ImGui::BeginPopupModal("Replace live endpoint?", nullptr, ImGuiWindowFlags_NoSavedSettings)) return;
  const json* live = deployed(endpoint_);
  ImGui::PushTextWrapPos(0);
  if (live)
    ImGui::Text("'%s' is live, serving %s.", endpoint_, endpoint_label(*live).substr(std::strlen(endpoint_) + 3).c_str());
  ImGui::Text("Deploying replaces it with %s @%s. Its request log is kept.", model_.c_str(), alias_);
  ImGui::PopTextWrapPos();
  ImGui::Spacing();
  if (ImGui::Button("Replace")) {
    deploy(ctx, true);
    ImGui::CloseCurrentPopup();
  }
  ImGui::SameLine();
  if (ImGui::Button("Cancel")) ImGui::CloseCurrentPopup();
  ImGui::EndPopup();
}

void ServePanel::draw_endpoint_picker(AppContext& ctx) {
  (void)ctx;
  if (deployed_list_.empty()) return;
  section_title("Deployed endpoints");
  const json* current = deployed(viewing_);
  ImGui::SetNextItemWidth(std::min(ImGui::GetFontSize() * 24, ImGui::GetContentRegionAvail().x - ImGui::CalcTextSize("show endpoint").x - 8));
  if (begin_combo("show endpoint", current ? endpoint_label(*current).c_str() : "pick one...")) {
    for (const auto& e : deployed_list_) {
      std::string name = e["name"].get<std::string>();
      if (ImGui::Selectable(endpoint_label(e).c_str(), name == viewing_)) {
        viewing_ = name;
        cached_version_ = 0;
      }
    }
    ImGui::EndCombo();
  }
  help_marker("Every endpoint deployed in this lab, with the model version it serves.");
}

// Health, contract, log and presets are re-read only when something was written (a request, a
// deploy) or the endpoint changed, not every frame: the log lives in storage.
void ServePanel::draw_endpoint_data(AppContext& ctx) {
  std::string ep = viewing_;
  if (cached_version_ != ctx.session.store_version() || cached_endpoint_ != ep) {
    cached_version_ = ctx.session.store_version();
    cached_endpoint_ = ep;
    health_ = ctx.run({{"cmd", "serve.health"}, {"endpoint", ep}}, nullptr);
    contract_ = ctx.run({{"cmd", "serve.contract"}, {"endpoint", ep}}, nullptr);
    log_ = ctx.run({{"cmd", "serve.log"}, {"endpoint", ep}, {"limit", 50}}, nullptr);
    presets_ = ctx.run({{"cmd", "serve.presets"}, {"endpoint", ep}}, nullptr).value("presets", json::array());
  }
  deployed_ = health_.value("ok", false);
  // A newly shown endpoint pre-fills the request editor with its contract's example.
  if (request_for_ != ep && contract_.value("ok", false)) {
    request_text_ = contract_["example"].dump(2);
    request_for_ = ep;
    preset_.clear();
    response_ = nullptr;
  }
}

void ServePanel::draw_endpoint(AppContext& ctx) {
  std::string ep = viewing_;
  if (ep.empty()) {
    ImGui::TextDisabled("No endpoint yet: deploy one above.");
    batch_.draw(ctx, ep, false);
    return;
  }
  draw_endpoint_data(ctx);
  const json& health = health_;
  if (!deployed_) {
    ImGui::TextDisabled("No endpoint '%s' yet: deploy one above.", ep.c_str());
    batch_.draw(ctx, ep, false);
    return;
  }
  section_title(("Endpoint " + ep).c_str());
  json req = health["requests"];
  auto count = [&req](const char* k) { return std::to_string(req[k].get<int>()); };
  flow_text({health["model"].get<std::string>() + " version " + std::to_string(health["version"].get<int>()),
             "status " + health["status"].get<std::string>(), "circuit " + health["circuit"].get<std::string>(),
             "requests " + count("total") + " (ok " + count("ok") + ", invalid " + count("invalid") + ", failed " +
                 count("failed") + ", fallback " + count("fallback") + ", challenger " + count("challenger") + ")"});
  if (health.contains("alias_refused")) {
    // The alias moved to a version this endpoint cannot serve: it kept the old one; say why.
    ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(0.95f, 0.75f, 0.3f, 1));
    ImGui::TextWrapped("Not following @%s: %s", health["alias_refused"]["alias"].get<std::string>().c_str(),
                       health["alias_refused"]["reason"].get<std::string>().c_str());
    ImGui::PopStyleColor();
  }
  if (health.contains("challenger_refused")) {
    ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(0.95f, 0.75f, 0.3f, 1));
    ImGui::TextWrapped("No challenger traffic: %s", health["challenger_refused"]["reason"].get<std::string>().c_str());
    ImGui::PopStyleColor();
  }
  if (ImGui::Checkbox("simulate a failing model", &failing_))
    ctx.run({{"cmd", "serve.simulate_failure"}, {"endpoint", ep}, {"failing", failing_}}, &error_);
  help_marker("Makes the primary model throw, to watch the fallback answer and the circuit breaker open.");

  const json& contract = contract_;
  float half = (ImGui::GetContentRegionAvail().x - ImGui::GetStyle().ItemSpacing.x) * 0.5f;
  float h = ImGui::GetFontSize() * 16;
  ImGui::BeginChild("request", ImVec2(half, h + ImGui::GetFontSize() * 6.0f));
  ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
  ImGui::TextWrapped("Request (edit it, or load one of the workshop's examples)");  // half of 800 px cuts it
  ImGui::PopStyleColor();
  draw_presets();
  char buf[8192];
  std::snprintf(buf, sizeof buf, "%s", request_text_.c_str());
  if (ImGui::InputTextMultiline("##req", buf, sizeof buf, ImVec2(-1, h))) request_text_ = buf;
  if (ImGui::Button("Send to /predict")) send_request(ctx, ep);
  ImGui::SameLine();
  if (ImGui::Button("Reset to example")) request_for_.clear();
  if (!preset_.empty()) {
    ImGui::SameLine();
    ImGui::TextDisabled("preset: %s", preset_.c_str());
  }
  ImGui::EndChild();
  ImGui::SameLine();
  ImGui::BeginChild("response", ImVec2(0, h + ImGui::GetFontSize() * 6.0f));
  ImGui::TextDisabled("Response");
  if (response_.is_null()) {
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
    ImGui::TextWrapped("Send a request to see the prediction, its confidence, the model version and the latency.");
    ImGui::PopStyleColor();
  } else if (response_.contains("errors")) {
    ImGui::TextColored(ImVec4(1.0f, 0.45f, 0.4f, 1), "422: the request breaks the contract");
    for (const auto& e : response_["errors"]) {
      ImGui::Bullet();
      ImGui::TextWrapped("%s", e["message"].get<std::string>().c_str());
    }
  } else if (response_.contains("error")) {
    error_box(response_["error"].get<std::string>());
  } else {
    const json& prediction = response_["prediction"];
    std::string pred = prediction.is_string() ? prediction.get<std::string>()
                       : prediction.is_number() ? format_number(prediction.get<double>()) : prediction.dump();
    ImGui::SetWindowFontScale(1.5f);
    ImGui::Text("%s", pred.c_str());
    ImGui::SetWindowFontScale(1.0f);
    if (response_.contains("prediction_meaning")) {
      // What the label means, from the training data ("1" -> "loan approved").
      ImGui::SameLine();
      ImGui::AlignTextToFramePadding();
      ImGui::Text("means: %s", response_["prediction_meaning"].get<std::string>().c_str());
    }
    if (response_.contains("confidence")) ImGui::Text("confidence %.3f", response_["confidence"].get<double>());
    else if (prediction.is_number()) ImGui::TextDisabled("a regression estimate: no class probabilities");
    if (response_.contains("probabilities") && response_["probabilities"].size() > 2) {
      // Multi-class: every class's probability as a bar, so the runner-up is visible too.
      for (auto it = response_["probabilities"].begin(); it != response_["probabilities"].end(); ++it) {
        char overlay[64];
        std::snprintf(overlay, sizeof overlay, "%s  %.3f", it.key().c_str(), it.value().get<double>());
        ImGui::ProgressBar(float(it.value().get<double>()), ImVec2(ImGui::GetFontSize() * 16, 0), overlay);
      }
    }
    for (const auto& w : response_.value("warnings", json::array())) {
      ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(0.95f, 0.75f, 0.3f, 1));
      ImGui::Bullet();
      ImGui::TextWrapped("warning: %s", w["message"].get<std::string>().c_str());
      ImGui::PopStyleColor();
    }
    char latency[32];
    std::snprintf(latency, sizeof latency, "%.3f ms", response_["latency_ms"].get<double>());
    flow_text({response_["model"].get<std::string>() + " v" + std::to_string(response_["version"].get<int>()) + " (" +
                   response_["variant"].get<std::string>() + "),",
               std::string(latency) + ",", response_["request_id"].get<std::string>()},
              ImGui::GetStyle().ItemSpacing.x);
  }
  if (!response_.is_null()) {
    if (ImGui::SmallButton("Copy response JSON")) ImGui::SetClipboardText(response_.dump(2).c_str());
    if (ImGui::CollapsingHeader("raw JSON")) ImGui::TextUnformatted(response_.dump(2).c_str());
  }
  ImGui::EndChild();

  ImGui::Spacing();
  batch_.draw(ctx, ep, true);

  if (ImGui::CollapsingHeader("Contract (/contract)")) ImGui::TextUnformatted(contract.dump(2).c_str());
  if (ImGui::CollapsingHeader("Request log", ImGuiTreeNodeFlags_DefaultOpen)) {
    json log = log_.value("entries", json::array());
    if (ImGui::BeginTable("log", 6, ImGuiTableFlags_Borders | ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingStretchProp)) {
      for (const char* c : {"time (UTC)", "request", "status", "model", "variant", "latency ms"}) ImGui::TableSetupColumn(c);
      ImGui::TableHeadersRow();
      for (const auto& e : log) {
        ImGui::TableNextRow();
        ImGui::TableNextColumn(); ImGui::TextUnformatted(format_time_ms(e["time_ms"].get<int64_t>()).c_str());
        ImGui::TableNextColumn(); ImGui::TextUnformatted(e["request_id"].get<std::string>().c_str());
        ImGui::TableNextColumn(); ImGui::TextUnformatted(e["status"].get<std::string>().c_str());
        ImGui::TableNextColumn();
        if (e["model"].get<std::string>().empty()) ImGui::TextDisabled("(rejected before any model)");
        else ImGui::Text("%s v%d", e["model"].get<std::string>().c_str(), e["version"].get<int>());
        ImGui::TableNextColumn(); ImGui::TextUnformatted(e["variant"].get<std::string>().c_str());
        ImGui::TableNextColumn(); ImGui::Text("%.3f", e["latency_ms"].get<double>());
      }
      ImGui::EndTable();
    }
  }
}

void ServePanel::send_request(AppContext& ctx, const std::string& ep) {
  // The text goes as typed: bad JSON comes back as a 400 with its line and column.
  json r = ctx.run({{"cmd", "serve.predict"}, {"endpoint", ep}, {"request_text", request_text_}}, &error_);
  response_ = r.value("ok", false) ? r["response"] : json{{"error", r.value("error", "")}};
  cached_version_ = 0;  // the health counters and the log changed
}

bool ServePanel::load_preset(const std::string& name) {
  for (const auto& p : presets_)
    if (p["name"] == name && p["fits"].get<bool>()) {
      request_text_ = p["request"].dump(2);
      preset_ = name;
      response_ = nullptr;
      return true;
    }
  return false;
}

void ServePanel::draw_presets() {
  if (presets_.empty()) return;
  ImGui::SetNextItemWidth(ImGui::GetContentRegionAvail().x - ImGui::CalcTextSize("examples").x - ImGui::GetStyle().ItemInnerSpacing.x);
  if (begin_combo("examples", preset_.empty() ? "Load an example request..." : preset_.c_str())) {
    for (const auto& p : presets_) {
      std::string name = p["name"].get<std::string>();
      bool fits = p["fits"].get<bool>();
      if (ImGui::Selectable(name.c_str(), name == preset_, fits ? 0 : ImGuiSelectableFlags_Disabled)) load_preset(name);
      if (ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled)) {
        ImGui::BeginTooltip();
        ImGui::PushTextWrapPos(ImGui::GetFontSize() * 28);
        ImGui::TextUnformatted(p["description"].get<std::string>().c_str());
        ImGui::TextDisabled("from %s", p["source"].get<std::string>().c_str());
        if (fits) ImGui::TextUnformatted(p["reason"].get<std::string>().c_str());
        else ImGui::TextColored(ImVec4(0.95f, 0.75f, 0.3f, 1), "Disabled: %s", p["reason"].get<std::string>().c_str());
        ImGui::PopTextWrapPos();
        ImGui::EndTooltip();
      }
    }
    ImGui::EndCombo();
  }
}

void ServePanel::register_view_command(AppContext& ctx) {
  registered_ = true;
  ctx.dispatcher.add(
      "ui.serve",
      "Serve panel, as its buttons do: {endpoint?: name (the endpoint field), preset?: name (load into the request "
      "editor), send?: true (Send to /predict), pick_batch?: true (open the batch file picker), batch_file?: {path, name} "
      "(score a file the page wrote), batch_refused?: {name, problem}, download_batch?: true (download the scored CSV)} "
      "-> editor text, preset, response, batch state",
      [this, &ctx](const json& a) {
        if (a.contains("endpoint")) {
          viewing_ = a["endpoint"].get<std::string>();
          cached_version_ = 0;  // re-read health, contract, presets now, as drawing would
          draw_endpoint_data(ctx);
        }
        if (a.contains("preset") && !load_preset(a["preset"].get<std::string>()))
          throw std::invalid_argument("no fitting preset named " + a["preset"].dump() + "; see serve.presets");
        if (a.value("pick_batch", false)) {
          if (!deployed_) throw std::invalid_argument("deploy a model first: batch scoring needs an endpoint");
          if (!ctx.pick_batch_csv) throw std::invalid_argument("this build has no file picker");
          ctx.pick_batch_csv();
        }
        // The page delivers a picked batch file as a path in the lab's file system, or why it refused it.
        if (a.contains("batch_file")) {
          const json& f = a["batch_file"];
          if (!deployed_) throw std::invalid_argument("deploy a model first: batch scoring needs an endpoint");
          batch_.score_file(ctx, endpoint_, f.value("path", std::string()), f.value("name", std::string("batch.csv")));
        }
        if (a.contains("batch_refused")) {
          const json& f = a["batch_refused"];
          batch_.refuse_file(f.value("name", std::string()), f.value("problem", std::string("the file could not be read")));
        }
        if (a.value("download_batch", false) && !batch_.download(ctx))
          throw std::invalid_argument("there is no batch result to download yet; score a CSV file first");
        if (a.value("send", false)) send_request(ctx, viewing_);
        json notice = health_.contains("alias_refused") ? health_["alias_refused"]["reason"] : json("");
        return json{{"endpoint", viewing_}, {"deployed", deployed_}, {"alias_notice", notice},
                    {"endpoints", deployed_list_}, {"deploy_form", {{"model", model_}, {"endpoint", std::string(endpoint_)}}}, {"request_text", request_text_},
                    {"preset", preset_}, {"response", response_}, {"batch", batch_.state()}, {"error", error_}};
      });
}

void ServePanel::draw(AppContext& ctx) {
  if (!registered_) register_view_command(ctx);
  ImGui::TextWrapped("Serving puts a registered model behind an inference contract: every request is checked against "
                     "the fields, types and ranges of the training data, and every problem is reported at once. The "
                     "endpoint follows its alias, so promoting or rolling back in the Registry changes what answers.");
  refresh_deployed(ctx);
  draw_deploy(ctx);
  error_box(error_);
  draw_endpoint_picker(ctx);
  draw_endpoint(ctx);
}

}  // namespace lab::app
