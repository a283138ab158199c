#include "core/data/text_encoding.hpp"

#include <cstdint>
#include <stdexcept>

namespace lab {

namespace {

// Windows-1252 bytes 0x80..0x9F; the five it leaves undefined map to the C1 controls of the
// same value, as browsers (WHATWG Encoding) do. 0xA0..0xFF are Latin-1 (the same code point).
const char32_t kCp1252High[32] = {
    0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
    0x2039, 0x0152, 0x008D, 0x017D, 0x008F, 0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
    0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178};

void append_utf8(std::string& out, char32_t c) {
  if (c < 0x80) {
    out += char(c);
  } else if (c < 0x800) {
    out += char(0xC0 | (c >> 6));
    out += char(0x80 | (c & 0x3F));
  } else if (c < 0x10000) {
    out += char(0xE0 | (c >> 12));
    out += char(0x80 | ((c >> 6) & 0x3F));
    out += char(0x80 | (c & 0x3F));
  } else {
    out += char(0xF0 | (c >> 18));
    out += char(0x80 | ((c >> 12) & 0x3F));
    out += char(0x80 | ((c >> 6) & 0x3F));
    out += char(0x80 | (c & 0x3F));
  }
}

char32_t cp1252(unsigned char b) { return b >= 0x80 && b < 0xA0 ? kCp1252High[b - 0x80] : char32_t(b); }

// Length of the valid UTF-8 sequence starting at s[i], or 0 when there is none (overlong forms,
// surrogates and code points above U+10FFFF are invalid, as in RFC 3629).
size_t utf8_sequence_length(std::string_view s, size_t i) {
  const unsigned char b = static_cast<unsigned char>(s[i]);
  if (b < 0x80) return 1;
  size_t len;
  char32_t c;
  if (b >= 0xC2 && b <= 0xDF) len = 2, c = b & 0x1F;
  else if (b >= 0xE0 && b <= 0xEF) len = 3, c = b & 0x0F;
  else if (b >= 0xF0 && b <= 0xF4) len = 4, c = b & 0x07;
  else return 0;
  if (i + len > s.size()) return 0;
  for (size_t k = 1; k < len; ++k) {
    const unsigned char t = static_cast<unsigned char>(s[i + k]);
    if ((t & 0xC0) != 0x80) return 0;
    c = (c << 6) | (t & 0x3F);
  }
  if ((len == 3 && c < 0x800) || (len == 4 && (c < 0x10000 || c > 0x10FFFF)) || (c >= 0xD800 && c <= 0xDFFF))
    return 0;
  return len;
}

bool starts_with(std::string_view s, std::string_view prefix) { return s.substr(0, prefix.size()) == prefix; }

DecodedText decode_utf16(std::string_view bytes, bool little_endian) {
  DecodedText out;
  out.encoding = little_endian ? "UTF-16 LE" : "UTF-16 BE";
  out.text.reserve(bytes.size());
  auto unit = [&](size_t i) -> char32_t {
    const auto a = static_cast<unsigned char>(bytes[i]), b = static_cast<unsigned char>(bytes[i + 1]);
    return little_endian ? char32_t(a | (b << 8)) : char32_t((a << 8) | b);
  };
  size_t replaced = 0;
  for (size_t i = 0; i + 1 < bytes.size(); i += 2) {
    char32_t c = unit(i);
    if (c >= 0xD800 && c <= 0xDBFF && i + 3 < bytes.size() && unit(i + 2) >= 0xDC00 && unit(i + 2) <= 0xDFFF) {
      c = 0x10000 + ((c - 0xD800) << 10) + (unit(i + 2) - 0xDC00);
      i += 2;
    } else if (c >= 0xD800 && c <= 0xDFFF) {
      c = 0xFFFD;  // a lone surrogate half
      ++replaced;
    }
    if (c == 0) throw std::invalid_argument("the file holds a NUL character, so it is not a text CSV; save it as CSV UTF-8.");
    if (c >= 0x80) ++out.converted;
    append_utf8(out.text, c);
  }
  if (bytes.size() % 2) ++replaced;  // a last half character
  out.note = "read as " + out.encoding + " (byte-order mark); " + std::to_string(out.converted) + " character" +
             (out.converted == 1 ? "" : "s") + " converted to UTF-8";
  if (replaced)
    out.note += "; " + std::to_string(replaced) + " broken character" + (replaced == 1 ? "" : "s") + " replaced by \xEF\xBF\xBD";
  return out;
}

}  // namespace

bool is_valid_utf8(std::string_view s) {
  for (size_t i = 0; i < s.size();) {
    const size_t len = utf8_sequence_length(s, i);
    if (len == 0) return false;
    i += len;
  }
  return true;
}

std::string to_valid_utf8(std::string_view s) {
  if (is_valid_utf8(s)) return std::string(s);
  std::string out;
  out.reserve(s.size() + s.size() / 2);
  for (size_t i = 0; i < s.size();) {
    const size_t len = utf8_sequence_length(s, i);
    if (len == 0) {
      append_utf8(out, cp1252(static_cast<unsigned char>(s[i])));
      ++i;
    } else {
      out.append(s.data() + i, len);
      i += len;
    }
  }
  return out;
}

std::string binary_file_kind(std::string_view b) {
  if (starts_with(b, "\x89PNG\r\n\x1A\n")) return "a PNG image";
  if (starts_with(b, "\xFF\xD8\xFF")) return "a JPEG image";
  if (starts_with(b, "GIF87a") || starts_with(b, "GIF89a")) return "a GIF image";
  if (starts_with(b, "%PDF-")) return "a PDF document";
  if (starts_with(b, std::string_view("PK\x03\x04", 4)) || starts_with(b, std::string_view("PK\x05\x06", 4)))
    return "a ZIP archive (an Excel .xlsx workbook is one)";
  if (starts_with(b, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1")) return "an old Excel .xls workbook (or another Office file)";
  if (starts_with(b, "\x1F\x8B")) return "a gzip-compressed file";
  if (starts_with(b, "SQLite format 3")) return "an SQLite database";
  if (b.size() > 262 && b.substr(257, 5) == "ustar") return "a tar archive";
  // No signature: judge the first 64 KB. Text has no NUL bytes and few other control bytes.
  const std::string_view head = b.substr(0, 65536);
  size_t nul = 0, control = 0, nul_odd = 0;
  for (size_t i = 0; i < head.size(); ++i) {
    const auto c = static_cast<unsigned char>(head[i]);
    if (c == 0) ++nul, nul_odd += i % 2;
    else if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != 0x1A) ++control;
  }
  if (nul > 0 && nul * 3 >= head.size() && (nul_odd * 10 >= nul * 9 || nul_odd * 10 <= nul))
    return "UTF-16 text without a byte-order mark";
  if (nul > 0) return "binary data (it contains NUL bytes)";
  if (control * 20 > head.size()) return "binary data (it is full of control bytes)";
  return "";
}

DecodedText decode_text_file(std::string_view bytes) {
  if (starts_with(bytes, "\xFF\xFE")) return decode_utf16(bytes.substr(2), true);
  if (starts_with(bytes, "\xFE\xFF")) return decode_utf16(bytes.substr(2), false);
  const std::string kind = binary_file_kind(bytes);
  if (!kind.empty())
    throw std::invalid_argument("this file looks like " + kind +
                                ", not a CSV text file. Export the data as CSV (in a spreadsheet program: Save As > "
                                "CSV UTF-8) and import that file.");
  DecodedText out;
  if (starts_with(bytes, "\xEF\xBB\xBF")) {
    bytes.remove_prefix(3);
    out.encoding = "UTF-8 with BOM";
  } else {
    out.encoding = "UTF-8";
  }
  if (is_valid_utf8(bytes)) {
    out.text.assign(bytes);
    return out;
  }
  // Not UTF-8: every byte is one Windows-1252 character.
  out.encoding = "Windows-1252";
  out.text.reserve(bytes.size() + bytes.size() / 4);
  for (char ch : bytes) {
    const auto b = static_cast<unsigned char>(ch);
    if (b >= 0x80) ++out.converted;
    append_utf8(out.text, cp1252(b));
  }
  out.note = "read as Windows-1252; " + std::to_string(out.converted) + " character" +
             (out.converted == 1 ? "" : "s") + " converted";
  return out;
}

}  // namespace lab
