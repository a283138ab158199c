#include <catch2/catch.hpp>
#include <cmath>
#include <string>

#include "core/data/csv_parser.hpp"
#include "io/csv_export.hpp"

using namespace lab;

namespace {
std::string error_of(const std::string& text, const CsvOptions& opt = {}) {
  try {
    parse_csv(text, opt);
  } catch (const std::invalid_argument& e) {
    return e.what();
  }
  return "(no error)";
}
bool has(const std::string& s, const char* part) { return s.find(part) != std::string::npos; }
}  // namespace

TEST_CASE("csv: quotes, escaped quotes, embedded delimiters and newlines, CRLF, BOM") {
  std::string text =
      "\xEF\xBB\xBFname,\"note, long\",score\r\n"
      "ann,\"said \"\"hi\"\"\",1.5\r\n"
      "bob,\"two\r\nlines\",2\r\n"
      "\r\n"
      " cy ,plain,-3e2\r\n";
  Table t = parse_csv(text);
  REQUIRE(t.cols() == 3);
  REQUIRE(t.rows() == 3);
  REQUIRE(t.columns[0].name == "name");  // BOM gone
  REQUIRE(t.columns[1].name == "note, long");
  REQUIRE(t.columns[0].type == ColumnType::Categorical);
  REQUIRE(t.columns[0].categories == std::vector<std::string>{"ann", "bob", "cy"});  // trimmed, sorted
  REQUIRE(t.columns[1].categories == std::vector<std::string>{"plain", "said \"hi\"", "two\r\nlines"});
  REQUIRE(t.cell_text(0, 1) == "said \"hi\"");
  REQUIRE(t.columns[2].type == ColumnType::Numeric);
  REQUIRE(t.columns[2].values == std::vector<double>{1.5, 2.0, -300.0});
}

TEST_CASE("csv: LF, CR-only line ends, no trailing newline, trailing empty field") {
  Table a = parse_csv("x,y\n1,2\n3,");
  REQUIRE(a.rows() == 2);
  REQUIRE(std::isnan(a.columns[1].values[1]));
  Table b = parse_csv("x,y\r1,2\r3,4\r");
  REQUIRE(b.rows() == 2);
  REQUIRE(b.columns[1].values[1] == 4.0);
  CsvOptions semi;
  semi.delimiter = ';';
  Table c = parse_csv("a;b\n1,5;x\n", semi);
  REQUIRE(c.columns[0].type == ColumnType::Categorical);  // "1,5" is not a plain number
}

TEST_CASE("csv: missing values and type inference") {
  Table t = parse_csv(
      "num,flag,code,txt,quoted\n"
      "1.5,0,02139,a,\"NA\"\n"
      "NA,1,10001,N/A,x\n"
      "nan,1,30301,?,\n"
      "null,0,,b,NA\n");
  const Column& num = t.columns[0];
  REQUIRE(num.type == ColumnType::Numeric);
  REQUIRE(num.values[0] == 1.5);
  REQUIRE(std::isnan(num.values[1]));
  REQUIRE(std::isnan(num.values[2]));
  REQUIRE(std::isnan(num.values[3]));
  REQUIRE(t.columns[1].type == ColumnType::Numeric);       // a 0/1 flag stays numeric
  REQUIRE(t.columns[2].type == ColumnType::Categorical);   // leading zero: a code, not a number
  REQUIRE(t.columns[2].categories == std::vector<std::string>{"02139", "10001", "30301"});
  REQUIRE(std::isnan(t.columns[2].values[3]));
  REQUIRE(t.columns[3].categories == std::vector<std::string>{"a", "b"});
  REQUIRE(std::isnan(t.columns[3].values[1]));
  // Quoted "NA" is the text NA; unquoted NA and empty are missing.
  REQUIRE(t.columns[4].categories == std::vector<std::string>{"NA", "x"});
  REQUIRE(std::isnan(t.columns[4].values[2]));
  REQUIRE(std::isnan(t.columns[4].values[3]));
  // Hex and thousands separators are not numbers; an all-missing column is numeric.
  Table h = parse_csv("a,b\n0x10,\n1,\n");
  REQUIRE(h.columns[0].type == ColumnType::Categorical);
  REQUIRE(h.columns[1].type == ColumnType::Numeric);
}

TEST_CASE("csv: every error names the line, the column and the fix") {
  std::string e = error_of("");
  REQUIRE(has(e, "the file is empty"));
  REQUIRE(has(error_of("\r\n\n"), "the file is empty"));
  REQUIRE(has(error_of("a,b\n"), "no data rows"));
  e = error_of("a,,c\n1,2,3\n");
  REQUIRE(has(e, "line 1, column 2"));
  REQUIRE(has(e, "empty column name"));
  e = error_of("a,b,a\n1,2,3\n");
  REQUIRE(has(e, "'a' twice (columns 1 and 3)"));
  e = error_of("a,b\n1,2\n3,4,5\n6,7\n");
  REQUIRE(has(e, "line 3: this row has 3 fields but the header has 2"));
  REQUIRE(has(e, "wrap it in double quotes"));
  e = error_of("a,b\n1,\"open\n2,3\n");
  REQUIRE(has(e, "line 2: a quoted field starts here but its closing quote"));
  e = error_of("a,b\n1,\"x\"y\n");
  REQUIRE(has(e, "line 2, field 2: unexpected text 'y'"));
  e = error_of("a,b\n1,2\n\"multi\nline\",3\n4,inf\n");
  REQUIRE(has(e, "line 5, column 'b': the value 'inf' is infinite"));
  REQUIRE(has(error_of("a\n1e999\n"), "infinite"));
  CsvOptions small;
  small.max_cells = 5;
  e = error_of("a,b\n1,2\n3,4\n5,6\n", small);
  REQUIRE(has(e, "3 rows x 2 columns = 6 cells; the limit is 5"));
  small.max_bytes = 10;
  REQUIRE(has(error_of("a,b\n1,2\n3,4\n5,6\n", small), "the limit is 0.0 MB"));
}

TEST_CASE("csv: export then import is exact") {
  Table t = parse_csv(
      "x,label,\"odd, name\"\n"
      "0.1,\"NA\",1e-300\n"
      "-0,\" padded \",123456789.123456789\n"
      ",\"q\"\"uote\",2\n"
      "3.14159265358979,\"line\nbreak\",\n");
  std::string out = write_csv(t);
  Table back = parse_csv(out);
  REQUIRE(content_hash(back) == content_hash(t));
  REQUIRE(std::signbit(back.columns[0].values[1]));
  REQUIRE(out.substr(0, 23) == "x,label,\"odd, name\"\n0.1");
  // One column with a missing value must not turn into a skipped blank line.
  Table one = parse_csv("v\n1\n\"\"\n2\n");
  REQUIRE(one.rows() == 3);
  REQUIRE(content_hash(parse_csv(write_csv(one))) == content_hash(one));
}

TEST_CASE("csv: byte-order marks after blank lines or doubled (found by the fuzzer) still round trip") {
  // fuzz/corpus/bom_after_blank_line.csv and double_bom.csv reduced: the mark is not part of the name.
  Table a = parse_csv("\r\xEF\xBB\xBFid,v\n1,+\n");
  REQUIRE(a.columns[0].name == "id");
  Table b = parse_csv("\n\xEF\xBB\xBF\xEF\xBB\xBFx\n\xBF\n");
  REQUIRE(b.columns[0].name == "x");
  REQUIRE(content_hash(parse_csv(write_csv(b))) == content_hash(b));
}
