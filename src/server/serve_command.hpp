#pragma once
// `lab serve`: the HTTP server around ServeApp (cpp-httplib, native only).
#include <map>
#include <string>

namespace lab {

// Runs until SIGTERM or SIGINT; returns the process exit code (2 for bad options).
int serve_command(const std::map<std::string, std::string>& flags);

}  // namespace lab
