#include "app/route.hpp"

#include <cctype>
#include <stdexcept>
#include <vector>

namespace lab::app {

namespace {
const char* kExamples = "links look like #/train, #/runs/<run id> or #/guide/<track>/<step>";

std::vector<std::string> split_path(const std::string& s) {
  std::vector<std::string> parts;
  std::string cur;
  for (char c : s) {
    if (c == '/') {
      if (!cur.empty()) parts.push_back(cur);
      cur.clear();
    } else {
      cur += c;
    }
  }
  if (!cur.empty()) parts.push_back(cur);
  return parts;
}

// Names and ids are plain: letters, digits, '-', '_' and '.' (run ids are hex; track ids words).
bool plain(const std::string& s) {
  if (s.empty() || s.size() > 128) return false;
  for (char c : s)
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-' && c != '_' && c != '.') return false;
  return true;
}

std::string lower(std::string s) {
  for (char& c : s) c = char(std::tolower(static_cast<unsigned char>(c)));
  return s;
}
}  // namespace

Route parse_route(const std::string& hash) {
  std::string s = hash;
  if (!s.empty() && s[0] == '#') s.erase(0, 1);
  const std::vector<std::string> parts = split_path(s);
  Route r;
  if (parts.empty()) return r;
  for (const auto& p : parts)
    if (!plain(p)) throw std::invalid_argument("'" + hash + "' is not a place in the lab: " + kExamples);
  const std::string head = lower(parts[0]);
  if (head == "guide") {
    if (parts.size() < 2 || parts.size() > 3) throw std::invalid_argument("'" + hash + "' names no track step: " + kExamples);
    r.kind = Route::Kind::GuideStep;
    r.track = parts[1];
    if (parts.size() == 3) {
      const std::string& n = parts[2];
      bool digits = n.size() <= 4;
      for (char c : n) digits = digits && std::isdigit(static_cast<unsigned char>(c));
      if (!digits || std::stoul(n) == 0)
        throw std::invalid_argument("'" + hash + "': the step '" + n + "' is not a step number (1, 2, ...)");
      r.step = std::stoul(n);
    }
    return r;
  }
  if (head == "runs" && parts.size() == 2) {
    r.kind = Route::Kind::Run;
    r.run_id = parts[1];
    return r;
  }
  if (parts.size() != 1) throw std::invalid_argument("'" + hash + "' is not a place in the lab: " + kExamples);
  r.kind = Route::Kind::Module;
  r.module = head;
  return r;
}

std::string route_text(const Route& r) {
  switch (r.kind) {
    case Route::Kind::None: return "";
    case Route::Kind::Module: return "#/" + r.module;
    case Route::Kind::Run: return "#/runs/" + r.run_id;
    case Route::Kind::GuideStep: return "#/guide/" + r.track + (r.step ? "/" + std::to_string(r.step) : "");
  }
  return "";
}

}  // namespace lab::app
