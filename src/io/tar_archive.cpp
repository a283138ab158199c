#include "io/tar_archive.hpp"

#include <cstdio>
#include <cstring>
#include <stdexcept>

namespace lab::tar {
namespace {

constexpr size_t kBlock = 512;

void put_octal(char* field, size_t width, uint64_t value) {
  // width-1 octal digits and a NUL, as GNU tar writes them.
  if (width - 1 < 22 && (value >> (3 * (width - 1))) != 0)
    throw std::invalid_argument("a file is too large for a tar archive entry");
  for (size_t i = width - 1; i-- > 0; value >>= 3) field[i] = char('0' + (value & 7));
  field[width - 1] = '\0';
}

std::string header(const std::string& name, const std::string& prefix, char type, uint64_t size, int64_t mtime) {
  char h[kBlock];
  std::memset(h, 0, sizeof h);
  std::memcpy(h, name.data(), name.size());
  put_octal(h + 100, 8, type == '5' ? 0755 : 0644);
  put_octal(h + 108, 8, 0);
  put_octal(h + 116, 8, 0);
  put_octal(h + 124, 12, size);
  put_octal(h + 136, 12, uint64_t(mtime < 0 ? 0 : mtime));
  h[156] = type;
  std::memcpy(h + 257, "ustar", 6);
  std::memcpy(h + 263, "00", 2);
  std::memcpy(h + 265, "lab", 3);
  std::memcpy(h + 297, "lab", 3);
  std::memcpy(h + 345, prefix.data(), prefix.size());
  std::memset(h + 148, ' ', 8);
  unsigned sum = 0;
  for (unsigned char c : h) sum += c;
  std::snprintf(h + 148, 8, "%06o", sum);  // six digits, NUL, space
  h[155] = ' ';
  return std::string(h, kBlock);
}

void pad(std::string& out) { out.append((kBlock - out.size() % kBlock) % kBlock, '\0'); }

// Splits a long path into ustar's prefix (<= 155) and name (<= 100) at a '/', if possible.
bool split_path(const std::string& path, std::string& prefix, std::string& name) {
  if (path.size() <= 100) { prefix.clear(); name = path; return true; }
  for (size_t cut = path.find('/'); cut != std::string::npos; cut = path.find('/', cut + 1))
    if (cut <= 155 && path.size() - cut - 1 <= 100 && path.size() - cut - 1 > 0) {
      prefix = path.substr(0, cut);
      name = path.substr(cut + 1);
      return true;
    }
  return false;
}

std::string pax_record(const std::string& key, const std::string& value) {
  // "<len> key=value\n" where len counts the whole record including its own digits.
  size_t body = key.size() + value.size() + 3;
  size_t len = body + 1;
  while (std::to_string(len).size() + body != len) ++len;
  return std::to_string(len) + " " + key + "=" + value + "\n";
}

uint64_t read_octal(const char* field, size_t width, size_t at) {
  uint64_t v = 0;
  size_t i = 0;
  while (i < width && (field[i] == ' ' || field[i] == '\0')) ++i;
  for (; i < width && field[i] >= '0' && field[i] <= '7'; ++i) v = v * 8 + uint64_t(field[i] - '0');
  if (i < width && field[i] != ' ' && field[i] != '\0')
    throw std::invalid_argument("not a tar archive (bad number in the header at byte " + std::to_string(at) + ")");
  return v;
}

std::string field_text(const char* f, size_t width) { return std::string(f, strnlen(f, width)); }

}  // namespace

std::string write(const std::vector<Entry>& entries, int64_t mtime) {
  std::string out;
  for (const Entry& e : entries) {
    std::string path = e.path + (e.is_dir ? "/" : "");
    std::string prefix, name;
    if (!split_path(path, prefix, name)) {
      std::string rec = pax_record("path", path);
      out += header("PaxHeaders/long", "", 'x', rec.size(), mtime);
      out += rec;
      pad(out);
      prefix.clear();
      name = path.substr(path.size() - std::min<size_t>(100, path.size()));
    }
    out += header(name, prefix, e.is_dir ? '5' : '0', e.is_dir ? 0 : e.content.size(), mtime);
    if (!e.is_dir) {
      out += e.content;
      pad(out);
    }
  }
  out.append(2 * kBlock, '\0');
  return out;
}

std::vector<Entry> read(const std::string& a) {
  std::vector<Entry> out;
  std::string pax_path;
  size_t at = 0;
  while (true) {
    if (at + kBlock > a.size()) {
      if (at == a.size() && !out.empty()) break;  // some writers omit the end-of-archive blocks
      throw std::invalid_argument(out.empty() ? "not a tar archive (too short)"
                                              : "the archive is truncated at byte " + std::to_string(at));
    }
    const char* h = a.data() + at;
    bool zero = true;
    for (size_t i = 0; i < kBlock && zero; ++i) zero = h[i] == 0;
    if (zero) break;
    unsigned sum = 0;
    for (size_t i = 0; i < kBlock; ++i) sum += (i >= 148 && i < 156) ? unsigned(' ') : static_cast<unsigned char>(h[i]);
    if (read_octal(h + 148, 8, at) != sum)
      throw std::invalid_argument(out.empty() && at == 0 ? "not a tar archive (the first header's checksum is wrong)"
                                                         : "damaged tar archive: bad header checksum at byte " + std::to_string(at));
    if (std::memcmp(h + 257, "ustar", 5) != 0)
      throw std::invalid_argument("not a ustar archive (header at byte " + std::to_string(at) + ")");
    uint64_t size = read_octal(h + 124, 12, at);
    char type = h[156];
    size_t data = at + kBlock;
    if (size > a.size() || data + size > a.size())
      throw std::invalid_argument("the archive is truncated: an entry at byte " + std::to_string(at) + " needs " +
                                  std::to_string(size) + " bytes");
    std::string body = a.substr(data, size_t(size));
    at = data + ((size_t(size) + kBlock - 1) / kBlock) * kBlock;
    if (type == 'x') {
      for (size_t p = 0; p < body.size();) {
        size_t sp = body.find(' ', p);
        if (sp == std::string::npos) break;
        size_t len = std::strtoul(body.c_str() + p, nullptr, 10);
        if (len == 0 || p + len > body.size()) break;
        std::string rec = body.substr(sp + 1, p + len - sp - 2);
        if (rec.rfind("path=", 0) == 0) pax_path = rec.substr(5);
        p += len;
      }
      continue;
    }
    if (type == 'g') continue;
    Entry e;
    std::string prefix = field_text(h + 345, 155), name = field_text(h, 100);
    e.path = !pax_path.empty() ? pax_path : prefix.empty() ? name : prefix + "/" + name;
    pax_path.clear();
    if (type == '5') e.is_dir = true;
    else if (type == '0' || type == '\0') e.content = std::move(body);
    else throw std::invalid_argument("the archive holds '" + e.path + "', which is not a plain file or folder (links are not supported)");
    while (!e.path.empty() && e.path.back() == '/') e.path.pop_back();
    out.push_back(std::move(e));
  }
  return out;
}

}  // namespace lab::tar
