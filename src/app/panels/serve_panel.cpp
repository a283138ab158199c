#include "app/panels/serve_panel.hpp"

#include <cstdio>

#include "app/widgets.hpp"
#include "imgui.h"

namespace lab::app {

using nlohmann::json;

void ServePanel::draw_deploy(AppContext& ctx) {
  const auto& models = ctx.session.models().registry().models();
  section_title("Deploy");
  if (models.empty()) {
    ImGui::TextDisabled("Register a model in the Registry first; then serve its @champion here.");
    return;
  }
  std::string& model = model_;
  if (!models.count(model)) model = models.begin()->first;
  ImGui::PushItemWidth(ImGui::GetFontSize() * 10);
  if (ImGui::BeginCombo("model", model.c_str())) {
    for (const auto& [n, m] : models)
      if (ImGui::Selectable(n.c_str(), n == model)) model = n;
    ImGui::EndCombo();
  }
  ImGui::SameLine();
  ImGui::InputText("alias", alias_, sizeof alias_);
  ImGui::SameLine();
  ImGui::InputText("endpoint", endpoint_, sizeof endpoint_);
  ImGui::InputText("challenger alias", challenger_, sizeof challenger_);
  ImGui::SameLine();
  ImGui::SliderFloat("challenger share", &share_, 0.0f, 0.5f, "%.2f");
  help_marker("Share of requests routed to the @challenger version to compare it with the champion on live traffic.");
  ImGui::InputInt("fallback version", &fallback_);
  help_marker("A version that answers while the primary fails (0 = none). The circuit breaker opens after 3 failures.");
  ImGui::SameLine();
  ImGui::Checkbox("only warn on out-of-range values", &warn_out_of_range_);
  ImGui::PopItemWidth();
  if (ImGui::Button("Deploy")) {
    ctx.run({{"cmd", "serve.deploy"}, {"endpoint", std::string(endpoint_)}, {"model", model}, {"alias", std::string(alias_)},
             {"challenger_alias", std::string(challenger_)}, {"challenger_share", double(share_)},
             {"fallback_version", fallback_}, {"out_of_range", warn_out_of_range_ ? "warn" : "reject"}},
            &error_);
    request_for_.clear();
    cached_version_ = 0;
  }
}

void ServePanel::draw_endpoint(AppContext& ctx) {
  std::string ep = endpoint_;
  // Health, contract and log are re-read only when something was written (a request, a deploy),
  // not every frame: the log lives in storage.
  if (cached_version_ != ctx.session.store_version() || cached_endpoint_ != ep) {
    cached_version_ = ctx.session.store_version();
    cached_endpoint_ = ep;
    health_ = ctx.run({{"cmd", "serve.health"}, {"endpoint", ep}}, nullptr);
    contract_ = ctx.run({{"cmd", "serve.contract"}, {"endpoint", ep}}, nullptr);
    log_ = ctx.run({{"cmd", "serve.log"}, {"endpoint", ep}, {"limit", 50}}, nullptr);
  }
  const json& health = health_;
  if (!health.value("ok", false)) {
    ImGui::TextDisabled("No endpoint '%s' yet: deploy one above.", ep.c_str());
    return;
  }
  section_title(("Endpoint " + ep).c_str());
  json req = health["requests"];
  ImGui::Text("%s version %d  |  status %s  |  circuit %s  |  requests %d (ok %d, invalid %d, failed %d, fallback %d, challenger %d)",
              health["model"].get<std::string>().c_str(), health["version"].get<int>(), health["status"].get<std::string>().c_str(),
              health["circuit"].get<std::string>().c_str(), req["total"].get<int>(), req["ok"].get<int>(), req["invalid"].get<int>(),
              req["failed"].get<int>(), req["fallback"].get<int>(), req["challenger"].get<int>());
  if (ImGui::Checkbox("simulate a failing model", &failing_))
    ctx.run({{"cmd", "serve.simulate_failure"}, {"endpoint", ep}, {"failing", failing_}}, &error_);
  help_marker("Makes the primary model throw, to watch the fallback answer and the circuit breaker open.");

  const json& contract = contract_;
  if (request_for_ != ep && contract.value("ok", false)) {
    request_text_ = contract["example"].dump(2);
    request_for_ = ep;
  }
  float half = (ImGui::GetContentRegionAvail().x - ImGui::GetStyle().ItemSpacing.x) * 0.5f;
  float h = ImGui::GetFontSize() * 16;
  ImGui::BeginChild("request", ImVec2(half, h + ImGui::GetFontSize() * 4.5f));
  ImGui::TextDisabled("Request (edit it: try a negative value, a missing field, a wrong type)");
  char buf[8192];
  std::snprintf(buf, sizeof buf, "%s", request_text_.c_str());
  if (ImGui::InputTextMultiline("##req", buf, sizeof buf, ImVec2(-1, h))) request_text_ = buf;
  if (ImGui::Button("Send to /predict")) {
    json parsed = json::parse(request_text_, nullptr, false);
    if (parsed.is_discarded()) {
      response_ = {{"status", 400}, {"error", "the request is not valid JSON; check commas and quotes"}};
    } else {
      json r = ctx.run({{"cmd", "serve.predict"}, {"endpoint", ep}, {"request", parsed}}, &error_);
      response_ = r.value("ok", false) ? r["response"] : json{{"error", r.value("error", "")}};
      cached_version_ = 0;  // the health counters and the log changed
    }
  }
  ImGui::SameLine();
  if (ImGui::Button("Reset to example")) request_for_.clear();
  ImGui::EndChild();
  ImGui::SameLine();
  ImGui::BeginChild("response", ImVec2(0, h + ImGui::GetFontSize() * 4.5f));
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
    std::string pred = response_["prediction"].is_string() ? response_["prediction"].get<std::string>() : response_["prediction"].dump();
    ImGui::SetWindowFontScale(1.5f);
    ImGui::Text("%s", pred.c_str());
    ImGui::SetWindowFontScale(1.0f);
    if (response_.contains("confidence")) ImGui::Text("confidence %.3f", response_["confidence"].get<double>());
    ImGui::Text("%s v%d (%s), %.3f ms, %s", response_["model"].get<std::string>().c_str(), response_["version"].get<int>(),
                response_["variant"].get<std::string>().c_str(), response_["latency_ms"].get<double>(),
                response_["request_id"].get<std::string>().c_str());
  }
  if (!response_.is_null() && ImGui::CollapsingHeader("raw JSON")) ImGui::TextUnformatted(response_.dump(2).c_str());
  ImGui::EndChild();

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

void ServePanel::draw(AppContext& ctx) {
  ImGui::TextWrapped("Serving puts a registered model behind an inference contract: every request is checked against "
                     "the fields, types and ranges of the training data, and every problem is reported at once. The "
                     "endpoint follows its alias, so promoting or rolling back in the Registry changes what answers.");
  draw_deploy(ctx);
  error_box(error_);
  draw_endpoint(ctx);
}

}  // namespace lab::app
