#include <catch2/catch.hpp>

#include "io/simple_yaml.hpp"

using namespace lab;

TEST_CASE("meta.yaml scalars are written as yaml.safe_dump writes them") {
  std::string out = yaml::dump({{"b_id", yaml::Value::string("0")},
                                {"a_null", yaml::Value::null()},
                                {"c_int", yaml::Value::integer(1700000000000)},
                                {"d_empty", yaml::Value::string("")},
                                {"e_plain", yaml::Value::string("logistic_regression-3fa2")},
                                {"f_tags", yaml::Value::empty_list()},
                                {"g_quote", yaml::Value::string("it's #1")}});
  REQUIRE(out ==
          "a_null: null\n"
          "b_id: '0'\n"
          "c_int: 1700000000000\n"
          "d_empty: ''\n"
          "e_plain: logistic_regression-3fa2\n"
          "f_tags: []\n"
          "g_quote: 'it''s #1'\n");
}

TEST_CASE("what dump writes, parse reads back") {
  std::map<std::string, yaml::Value> in = {{"id", yaml::Value::string("0")},
                                           {"name", yaml::Value::string("run: 'x'\nline two")},
                                           {"end", yaml::Value::null()},
                                           {"n", yaml::Value::integer(42)}};
  auto m = yaml::parse(yaml::dump(in));
  REQUIRE(*m["id"] == "0");
  REQUIRE(*m["name"] == "run: 'x'\nline two");
  REQUIRE_FALSE(m["end"].has_value());
  REQUIRE(*m["n"] == "42");
}
