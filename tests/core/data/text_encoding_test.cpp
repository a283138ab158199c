#include <catch2/catch.hpp>

#include "core/data/csv_parser.hpp"
#include "core/data/text_encoding.hpp"

using namespace lab;

namespace {
bool has(const std::string& s, const char* part) { return s.find(part) != std::string::npos; }
std::string refusal(const std::string& bytes) {
  try {
    decode_text_file(bytes);
  } catch (const std::invalid_argument& e) {
    return e.what();
  }
  return "";
}
}  // namespace

TEST_CASE("text encoding: UTF-8 with and without a byte-order mark is read as is") {
  DecodedText plain = decode_text_file("name,city\nJos\xC3\xA9,K\xC3\xB6ln\n");
  REQUIRE(plain.encoding == "UTF-8");
  REQUIRE(plain.note.empty());
  REQUIRE(plain.text == "name,city\nJos\xC3\xA9,K\xC3\xB6ln\n");
  DecodedText bom = decode_text_file("\xEF\xBB\xBFname\n1\n");
  REQUIRE(bom.encoding == "UTF-8 with BOM");
  REQUIRE(bom.text == "name\n1\n");
  REQUIRE(bom.note.empty());
}

TEST_CASE("text encoding: Windows-1252 bytes become UTF-8 with a note counting them") {
  // "José,Müller,5€" as a Windows spreadsheet saves it: é = E9, ü = FC, € = 80 (not Latin-1).
  DecodedText d = decode_text_file("name,last,price\nJos\xE9,M\xFCller,5\x80\n");
  REQUIRE(d.encoding == "Windows-1252");
  REQUIRE(d.converted == 3);
  REQUIRE(d.note == "read as Windows-1252; 3 characters converted");
  REQUIRE(d.text == "name,last,price\nJos\xC3\xA9,M\xC3\xBCller,5\xE2\x82\xAC\n");
  REQUIRE(is_valid_utf8(d.text));
  // The parsed table carries the accented names.
  Table t = parse_csv(d.text);
  REQUIRE(t.columns[0].categories == std::vector<std::string>{"Jos\xC3\xA9"});
}

TEST_CASE("text encoding: UTF-16 with a byte-order mark, little and big endian") {
  const std::string le("\xFF\xFE" "a\0,\0\xE9\0\n\0" "1\0,\0" "2\0", 16);
  DecodedText d = decode_text_file(le);
  REQUIRE(d.encoding == "UTF-16 LE");
  REQUIRE(d.text == "a,\xC3\xA9\n1,2");
  REQUIRE(d.converted == 1);
  REQUIRE(has(d.note, "read as UTF-16 LE"));
  const std::string be("\xFE\xFF\0a\0,\0b\xD8\x3D\xDE\x00", 12);  // a,b then U+1F600 as a surrogate pair
  DecodedText b = decode_text_file(be);
  REQUIRE(b.encoding == "UTF-16 BE");
  REQUIRE(b.text == "a,b\xF0\x9F\x98\x80");
}

TEST_CASE("text encoding: binary files are refused naming what they look like") {
  REQUIRE(has(refusal(std::string("\x89PNG\r\n\x1A\n\0\0\0\rIHDR", 16)), "looks like a PNG image, not a CSV"));
  REQUIRE(has(refusal(std::string("PK\x03\x04\x14\0\0\0", 8)), "a ZIP archive (an Excel .xlsx workbook is one)"));
  REQUIRE(has(refusal("%PDF-1.7\n%\xE2\xE3\xCF\xD3\n"), "a PDF document"));
  REQUIRE(has(refusal(std::string("a,b\n1,\0\0\x01\n", 10)), "binary data (it contains NUL bytes)"));
  REQUIRE(has(refusal(std::string("a\0,\0b\0\n\0", 8)), "UTF-16 text without a byte-order mark"));
  REQUIRE(has(refusal(std::string("\x89PNG\r\n\x1A\n\0\0\0\rIHDR", 16)), "Save As > CSV UTF-8"));
}

TEST_CASE("text encoding: to_valid_utf8 keeps valid sequences and reads stray bytes as Windows-1252") {
  REQUIRE(to_valid_utf8("caf\xC3\xA9") == "caf\xC3\xA9");
  REQUIRE(to_valid_utf8("caf\xE9 \xC3\xA9") == "caf\xC3\xA9 \xC3\xA9");
  REQUIRE(!is_valid_utf8("\xC0\xAF"));          // overlong '/'
  REQUIRE(!is_valid_utf8("\xED\xA0\x80"));      // a surrogate half
  REQUIRE(!is_valid_utf8("\xF4\x90\x80\x80"));  // above U+10FFFF
  REQUIRE(is_valid_utf8(to_valid_utf8("\xC0\xAF\xED\xA0\x80\xFF")));
}
