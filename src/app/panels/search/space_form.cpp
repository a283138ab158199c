#include "app/panels/search/space_form.hpp"

#include <algorithm>
#include <cmath>

#include "app/labelled_widgets.hpp"
#include "app/widgets.hpp"
#include "core/models/learner_registry.hpp"
#include "imgui.h"

namespace lab::app::search {

using nlohmann::json;

void SpaceForm::reset(const std::string& algo) {
  algo_ = algo;
  rows_.clear();
  for (const ParamSpec& s : param_specs_for(algo)) {
    SpaceRow r;
    r.spec = s;
    r.search = s.tuned;
    r.lo = s.tuned ? s.tune_min : s.min;
    r.hi = s.tuned ? s.tune_max : s.max;
    r.fixed = s.default_number;
    r.chosen.assign(s.choices.size(), true);
    for (size_t i = 0; i < s.choices.size(); ++i)
      if (s.choices[i] == s.default_choice) r.fixed_choice = int(i);
    rows_.push_back(std::move(r));
  }
}

void SpaceForm::draw_row(SpaceRow& r) {
  const ParamSpec& s = r.spec;
  ImGui::PushID(s.name.c_str());
  ImGui::TableNextRow();
  ImGui::TableNextColumn();
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted(s.name.c_str());
  if (!s.help.empty() && ImGui::IsItemHovered()) ImGui::SetTooltip("%s", s.help.c_str());
  ImGui::TableNextColumn();
  const std::string search_label = "search " + s.name;
  if (ImGui::Checkbox(("##" + search_label).c_str(), &r.search)) r.touched = true;
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("Checked: the search tries values of %s. Unchecked: fixed.", s.name.c_str());
  ImGui::TableNextColumn();
  const float w = ImGui::GetFontSize() * 6;
  const bool whole = s.kind == ParamSpec::Kind::Int;
  const char* fmt = whole ? "%.0f" : "%.4g";
  // A typed number (a click puts the cursor in it), kept within the declared range.
  auto number = [&](const std::string& label, double& v) {
    ImGui::SetNextItemWidth(w);
    if (!ImGui::InputScalar(label.c_str(), ImGuiDataType_Double, &v, nullptr, nullptr, fmt)) return;
    v = std::clamp(whole ? std::round(v) : v, s.min, s.max);
    r.touched = true;
  };
  if (s.kind == ParamSpec::Kind::Choice) {
    if (r.search) {
      for (size_t i = 0; i < s.choices.size(); ++i) {
        if (i) ImGui::SameLine();
        bool on = r.chosen[i];
        if (ImGui::Checkbox((s.choices[i] + "##" + s.name).c_str(), &on)) r.chosen[i] = on, r.touched = true;
      }
    } else {
      ImGui::SetNextItemWidth(w * 1.5f);
      if (begin_combo(("##value " + s.name).c_str(), s.choices[size_t(r.fixed_choice)].c_str())) {
        for (size_t i = 0; i < s.choices.size(); ++i)
          if (ImGui::Selectable(s.choices[i].c_str(), int(i) == r.fixed_choice)) r.fixed_choice = int(i), r.touched = true;
        ImGui::EndCombo();
      }
    }
  } else if (r.search) {
    number("min##" + s.name, r.lo);
    ImGui::SameLine();
    number("max##" + s.name, r.hi);
    if (s.log_scale) {
      ImGui::SameLine();
      ImGui::TextDisabled("log");
    }
  } else {
    number("value##" + s.name, r.fixed);
  }
  ImGui::PopID();
}

void SpaceForm::draw() {
  const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingFixedFit;
  if (!ImGui::BeginTable("space", 3, flags)) return;
  ImGui::TableSetupColumn("parameter");
  ImGui::TableSetupColumn("search");
  ImGui::TableSetupColumn("range, choices or value", ImGuiTableColumnFlags_WidthStretch);
  ImGui::TableHeadersRow();
  for (SpaceRow& r : rows_) draw_row(r);
  ImGui::EndTable();
}

json SpaceForm::narrowing() const {
  json out = json::object();
  for (const SpaceRow& r : rows_) {
    const ParamSpec& s = r.spec;
    if (!r.touched) continue;  // as the learner's default space has it
    const bool whole = s.kind == ParamSpec::Kind::Int;
    auto number = [&](double v) { return whole ? json(int64_t(std::llround(v))) : json(v); };
    if (s.kind == ParamSpec::Kind::Choice) {
      if (!r.search) {
        out[s.name] = s.choices[size_t(r.fixed_choice)];
        continue;
      }
      json list = json::array();
      for (size_t i = 0; i < s.choices.size(); ++i)
        if (r.chosen[i]) list.push_back(s.choices[i]);
      out[s.name] = list;  // empty: the search says which parameter has nothing left to try
    } else if (r.search) {
      out[s.name] = {{"min", number(std::min(r.lo, r.hi))}, {"max", number(std::max(r.lo, r.hi))}};
    } else {
      out[s.name] = number(r.fixed);
    }
  }
  return out;
}

}  // namespace lab::app::search
