#pragma once
// The flags of `lab serve`, checked before anything starts:
//   lab serve --store DIR --model NAME@ALIAS [--challenger NAME@ALIAS --share 0.1] [--fallback NAME/VERSION]
//             [--host 127.0.0.1] [--port 8000] [--endpoint NAME] [--threads N] [--max-body BYTES]
//             [--read-timeout S] [--write-timeout S]
#include <map>
#include <string>

namespace lab {

struct ServeOptions {
  std::string store = "mlruns";
  std::string model, alias = "champion";
  std::string challenger_alias;  // same model as --model (the endpoint splits one model's versions)
  double challenger_share = 0.1;
  int fallback_version = 0;
  std::string endpoint;  // the request log's folder: <store>-serving/<endpoint>/requests.jsonl
  std::string host = "127.0.0.1";
  int port = 8000;  // 0: any free port (printed on start)
  int threads = 0;  // 0: one per core
  size_t max_body_bytes = 1u << 20;
  int read_timeout_s = 5, write_timeout_s = 5;
};

// Throws std::invalid_argument naming the flag, what it got and an example of what works.
ServeOptions parse_serve_options(const std::map<std::string, std::string>& flags);

// The usage lines, as a literal so `lab`'s own usage text can include them.
#define LAB_SERVE_USAGE                                                                                          \
  "  lab serve --model NAME@ALIAS [--store DIR] [--challenger NAME@ALIAS --share 0.1] [--fallback NAME/VERSION]\n" \
  "            [--host 127.0.0.1] [--port 8000] [--endpoint NAME] [--threads N] [--max-body BYTES]\n"           \
  "            [--read-timeout S] [--write-timeout S]\n"                                                         \
  "      serve a registered model over HTTP: GET / /health /contract /metrics, POST /predict (JSON),\n"          \
  "      POST /predict/batch (CSV). Follows alias moves in the store without a restart; the request log\n"      \
  "      goes to <store>-serving/<endpoint>/requests.jsonl (lab cmd '{\"cmd\":\"serve.log\",...}' reads it).\n"
extern const char* kServeUsage;

}  // namespace lab
