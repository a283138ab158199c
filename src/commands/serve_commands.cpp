#include <algorithm>
#include <filesystem>
#include <limits>

#include "commands/command_areas.hpp"
#include "commands/incoming_file.hpp"
#include "commands/json_args.hpp"
#include "core/serve/batch_scoring.hpp"
#include "core/serve/request_text.hpp"

namespace lab {

using nlohmann::json;

void register_serve_commands(Dispatcher& d, Session& s) {
  d.add("serve.deploy",
        "serve a registered model by alias: {endpoint, model, alias, challenger_alias, challenger_share, fallback_version, "
        "out_of_range: reject|warn, replace?: true (required to replace a live endpoint of that name)}",
        [&s](const json& a) {
          EndpointConfig c;
          c.name = args::str(a, "endpoint", "loan-api");
          c.model = args::required_str(a, "model");
          c.alias = args::str(a, "alias", "champion");
          c.challenger_alias = args::str(a, "challenger_alias", "");
          c.challenger_share = args::number(a, "challenger_share", 0.0);
          c.fallback_version = int(args::integer(a, "fallback_version", 0));
          std::string oor = args::str(a, "out_of_range", "reject");
          if (oor != "reject" && oor != "warn") throw std::invalid_argument("field 'out_of_range' must be 'reject' or 'warn'");
          c.out_of_range = oor == "warn" ? OutOfRangePolicy::Warn : OutOfRangePolicy::Reject;
          bool replace = a.contains("replace") && a["replace"].is_boolean() && a["replace"].get<bool>();
          return json{{"health", s.serving().deploy(c, replace)}};
        });
  d.add("serve.predict",
        "predict: {endpoint, request: {\"features\": {...}}} or {endpoint, request_text: \"...\"} (the editor's text: "
        "bad JSON gets status 400 with its line and column); invalid requests list every problem (status 422), fields "
        "the contract does not know come back as warnings",
        [&s](const json& a) {
          std::string endpoint = args::str(a, "endpoint", "loan-api");
          if (a.contains("request_text")) {
            ParsedRequestText parsed = parse_request_text(args::str(a, "request_text", ""));
            if (!parsed.ok()) return json{{"response", parsed.error_reply()}};
            return json{{"response", s.serving().predict(endpoint, parsed.value)}};
          }
          if (!a.contains("request")) throw std::invalid_argument("field 'request' is required, e.g. {\"features\": {...}}");
          return json{{"response", s.serving().predict(endpoint, a["request"])}};
        });
  d.add("serve.health", "model loaded, version, uptime, request counts, circuit state: {endpoint}", [&s](const json& a) {
    return s.serving().health(args::str(a, "endpoint", "loan-api"));
  });
  d.add("serve.contract", "the endpoint's inference contract and an example request: {endpoint}", [&s](const json& a) {
    return s.serving().contract(args::str(a, "endpoint", "loan-api"));
  });
  d.add("serve.batch",
        "score a CSV: {endpoint, text or path (a file in the lab's file system), filename?} -> rows, scored, rejected, "
        "per-row results, errors [{row, field, kind, message}] and a result CSV",
        [&s](const json& a) {
          std::string filename = args::str(a, "filename", "");
          std::string text;
          if (a.contains("path")) {
            // Judged by name and size before the bytes are read.
            const std::string path = args::required_str(a, "path");
            if (filename.empty()) filename = std::filesystem::path(path).filename().string();
            std::string problem = batch_file_problem(filename, incoming_file_size(path));
            if (!problem.empty()) throw std::invalid_argument(problem);
            text = read_incoming_file(path, std::numeric_limits<size_t>::max());
          } else {
            text = args::required_str(a, "text");
            if (!filename.empty()) {
              std::string problem = batch_file_problem(filename, text.size());
              if (!problem.empty()) throw std::invalid_argument(problem);
            }
          }
          json r = s.serving().batch(args::str(a, "endpoint", "loan-api"), text);
          if (!filename.empty()) r["filename"] = filename;
          return r;
        });
  d.add("serve.batch_check", "whether a file can be batch scored, judged by {filename, bytes} before it is read: {ok, problem}",
        [](const json& a) {
          std::string problem = batch_file_problem(args::required_str(a, "filename"), size_t(std::max(0.0, args::number(a, "bytes", 0))));
          return json{{"fits", problem.empty()}, {"problem", problem}};
        });
  d.add("serve.presets",
        "the workshops' example requests (the loan workshop, the churn lab, the iris API guide, and their invalid variants), each with whether it fits the endpoint's contract: {endpoint}",
        [&s](const json& a) { return json{{"presets", s.serving().presets(args::str(a, "endpoint", "loan-api"))}}; });
  d.add("serve.log", "the request log, newest first: {endpoint, limit}", [&s](const json& a) {
    int64_t limit = args::integer(a, "limit", 100);
    if (limit < 1 || limit > 100000) throw std::invalid_argument("field 'limit' must be between 1 and 100000");
    return json{{"entries", s.serving().log(args::str(a, "endpoint", "loan-api"), size_t(limit))}};
  });
  d.add("serve.simulate_failure", "make the primary model fail (to see the fallback and circuit breaker): {endpoint, failing}",
        [&s](const json& a) {
          bool failing = !a.contains("failing") || (a["failing"].is_boolean() && a["failing"].get<bool>());
          s.serving().simulate_failure(args::str(a, "endpoint", "loan-api"), failing);
          return json{{"failing", failing}};
        });
  d.add("serve.list", "deployed endpoints: names, and each endpoint's model, alias and served version",
        [&s](const json&) {
          return json{{"endpoints", s.serving().endpoints()}, {"deployed", s.serving().endpoints_json()}};
        });
}

}  // namespace lab
