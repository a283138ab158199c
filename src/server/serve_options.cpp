#include "server/serve_options.hpp"

#include <cctype>
#include <stdexcept>
#include <algorithm>
#include <thread>

namespace lab {

const char* kServeUsage = LAB_SERVE_USAGE;

namespace {
long long integer_flag(const std::map<std::string, std::string>& f, const std::string& name, long long fallback,
                       long long lo, long long hi) {
  auto it = f.find(name);
  if (it == f.end()) return fallback;
  long long v = 0;
  size_t used = 0;
  try {
    v = std::stoll(it->second, &used);
  } catch (...) {
    used = 0;
  }
  if (used == 0 || used != it->second.size() || v < lo || v > hi)
    throw std::invalid_argument("--" + name + " expects a whole number from " + std::to_string(lo) + " to " +
                                std::to_string(hi) + ", got '" + it->second + "'");
  return v;
}

// NAME@ALIAS -> {NAME, ALIAS}
std::pair<std::string, std::string> model_at_alias(const std::string& flag, const std::string& v) {
  auto at = v.rfind('@');
  if (at == std::string::npos || at == 0 || at + 1 == v.size())
    throw std::invalid_argument("--" + flag + " expects NAME@ALIAS, e.g. churn@champion; got '" + v + "'");
  return {v.substr(0, at), v.substr(at + 1)};
}
}  // namespace

ServeOptions parse_serve_options(const std::map<std::string, std::string>& f) {
  static const char* known[] = {"store", "model", "challenger", "share", "fallback", "endpoint", "host", "port",
                                "threads", "max-body", "read-timeout", "write-timeout"};
  for (const auto& [k, v] : f) {
    bool ok = false;
    for (const char* n : known) ok = ok || k == n;
    if (!ok) throw std::invalid_argument("lab serve has no option --" + k + "\nusage:\n" + kServeUsage);
  }
  ServeOptions o;
  if (f.count("store")) o.store = f.at("store");
  if (!f.count("model")) throw std::invalid_argument("lab serve needs --model NAME@ALIAS, e.g. --model churn@champion");
  std::tie(o.model, o.alias) = model_at_alias("model", f.at("model"));
  if (f.count("challenger")) {
    auto [name, alias] = model_at_alias("challenger", f.at("challenger"));
    if (name != o.model)
      throw std::invalid_argument("--challenger must be a version of the served model '" + o.model + "' (e.g. " + o.model +
                                  "@challenger); got '" + f.at("challenger") + "'");
    o.challenger_alias = alias;
  }
  if (f.count("share")) {
    const std::string& s = f.at("share");
    size_t used = 0;
    double v = -1;
    try {
      v = std::stod(s, &used);
    } catch (...) {
      used = 0;
    }
    if (used != s.size() || !(v >= 0 && v <= 1))
      throw std::invalid_argument("--share expects the challenger's share of traffic from 0 to 1, e.g. 0.1; got '" + s + "'");
    o.challenger_share = v;
  }
  if (f.count("fallback")) {
    const std::string& v = f.at("fallback");
    auto slash = v.rfind('/');
    if (slash == std::string::npos || v.substr(0, slash) != o.model)
      throw std::invalid_argument("--fallback expects a version of the served model as NAME/VERSION, e.g. " + o.model +
                                  "/3; got '" + v + "'");
    o.fallback_version = int(integer_flag({{"fallback", v.substr(slash + 1)}}, "fallback", 0, 1, 1000000));
  }
  if (f.count("endpoint")) {
    o.endpoint = f.at("endpoint");
  } else {  // the model's name made safe for a folder name
    o.endpoint = o.model.substr(0, 50) + "-http";
    for (char& c : o.endpoint)
      if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_')) c = '-';
  }
  if (f.count("host")) o.host = f.at("host");
  o.port = int(integer_flag(f, "port", 8000, 0, 65535));
  // cpp-httplib gives each connection a pool thread for as long as it stays open (keep-alive), so
  // the pool is sized for connections, not for CPU: with one thread per core, a client holding
  // more keep-alive connections than cores (a proxy, a load balancer) left the rest waiting in
  // the queue for seconds. Idle threads blocked on a socket cost no CPU.
  unsigned cores = std::thread::hardware_concurrency();
  o.threads = int(integer_flag(f, "threads", std::max(16u, 8 * (cores ? cores : 2)), 1, 256));
  o.max_body_bytes = size_t(integer_flag(f, "max-body", 1 << 20, 1024, 1LL << 30));
  o.read_timeout_s = int(integer_flag(f, "read-timeout", 5, 1, 3600));
  o.write_timeout_s = int(integer_flag(f, "write-timeout", 5, 1, 3600));
  return o;
}

}  // namespace lab
