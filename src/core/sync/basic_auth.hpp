#pragma once
// The Authorization header of MLflow's basic-auth app ("Basic base64(user:password)"), built in
// one place for every transport that cannot do it itself (the tab's fetch).
#include <string>

namespace lab::sync {

std::string base64_encode(const std::string& bytes);
// "" when there is no user (the header is then left out).
std::string basic_auth_header(const std::string& user, const std::string& password);

}  // namespace lab::sync
