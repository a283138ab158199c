#include "io/file_uri.hpp"

#include <cctype>
#include <stdexcept>

namespace lab {
namespace {

bool is_drive_path(const std::string& p) {  // "C:\..." or "C:/..."
  return p.size() >= 3 && std::isalpha(static_cast<unsigned char>(p[0])) && p[1] == ':' && (p[2] == '/' || p[2] == '\\');
}

// The URI scheme ("file" of "file:///x"), or "" if the text does not start with one.
std::string scheme_of(const std::string& uri) {
  if (uri.empty() || !std::isalpha(static_cast<unsigned char>(uri[0]))) return "";
  for (size_t i = 1; i < uri.size(); ++i) {
    char c = uri[i];
    if (c == ':') return uri.substr(0, i);
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '+' && c != '-' && c != '.') return "";
  }
  return "";
}

const char* kExample = " Give the full path of the folder where the archive's mlruns/ folder will be once you unpack it, "
                       "e.g. /home/me/lab-export/mlruns or C:\\Users\\me\\lab-export\\mlruns.";

}  // namespace

std::string uri_path_encode(const std::string& path) {
  static const char* hex = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : path) {
    bool alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');  // ASCII only
    if (alnum || c == '_' || c == '.' || c == '-' || c == '~' || c == '/') out += char(c);
    else {
      out += '%';
      out += hex[c >> 4];
      out += hex[c & 15];
    }
  }
  return out;
}

std::string local_file_uri(const std::string& absolute_path) {
  if (!is_drive_path(absolute_path)) return "file://" + uri_path_encode(absolute_path);
  std::string path = absolute_path;
  for (char& c : path)
    if (c == '\\') c = '/';
  return "file:///" + path.substr(0, 2) + uri_path_encode(path.substr(2));  // the drive ("C:") stays, as in pathlib
}

bool is_local_uri(const std::string& uri) {
  if (is_drive_path(uri)) return true;
  std::string s = scheme_of(uri);
  for (char& c : s) c = char(std::tolower(static_cast<unsigned char>(c)));
  return s.empty() || s == "file";
}

std::string normalize_artifact_root(const std::string& folder) {
  size_t b = folder.find_first_not_of(" \t"), e = folder.find_last_not_of(" \t");
  std::string p = b == std::string::npos ? "" : folder.substr(b, e - b + 1);
  if (p.empty()) throw std::invalid_argument(std::string("the artifact root folder is empty.") + kExample);
  for (unsigned char c : p)
    if (c < 0x20 || c == 0x7f)
      throw std::invalid_argument("the artifact root folder contains a control character (a line break?); type the path on one line.");
  if (scheme_of(p) == "file" || p.find("://") != std::string::npos)
    throw std::invalid_argument("the artifact root '" + p + "' is a URI; give a plain folder path (the lab writes the file:// URIs)." +
                                kExample);
  if (p[0] == '~')
    throw std::invalid_argument("the artifact root '" + p + "' starts with '~', which MLflow does not expand; write the full path." +
                                kExample);
  if (is_drive_path(p)) {
    for (char& c : p)
      if (c == '\\') c = '/';
  } else if (p[0] != '/') {
    throw std::invalid_argument("the artifact root '" + p + "' is not an absolute path, so MLflow would look for it relative to "
                                "wherever mlflow ui is started." + kExample);
  }
  while (p.size() > 1 && p.back() == '/' && !(p.size() == 3 && p[1] == ':')) p.pop_back();
  return p;
}

}  // namespace lab
