#include "core/track/search_filter.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdlib>

namespace lab {

const char* to_string(Entity e) {
  switch (e) {
    case Entity::Metric: return "metrics";
    case Entity::Param: return "params";
    case Entity::Tag: return "tags";
    case Entity::Attribute: return "attributes";
    case Entity::Dataset: return "datasets";
  }
  return "attributes";
}

const char* to_string(CompareOp op) {
  switch (op) {
    case CompareOp::Eq: return "=";
    case CompareOp::Ne: return "!=";
    case CompareOp::Lt: return "<";
    case CompareOp::Le: return "<=";
    case CompareOp::Gt: return ">";
    case CompareOp::Ge: return ">=";
    case CompareOp::Like: return "LIKE";
    case CompareOp::ILike: return "ILIKE";
    case CompareOp::In: return "IN";
    case CompareOp::NotIn: return "NOT IN";
  }
  return "=";
}

namespace {

// --- tokens ------------------------------------------------------------------------------------

enum class Tok { Ident, String, Number, Op, Keyword, LParen, RParen, Comma, End };

struct Token {
  Tok kind = Tok::End;
  std::string text;    // keyword upper-cased; operator; string contents; identifier key
  std::string prefix;  // identifiers: the part before the first '.', empty if none
  bool quoted_key = false;
  double number = 0;
  size_t pos = 0;
};

std::string upper(std::string s) {
  for (char& c : s) c = char(std::toupper(static_cast<unsigned char>(c)));
  return s;
}

bool word_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }
bool key_char(char c) { return word_char(c) || c == '.' || c == '/' || c == '-'; }

class Lexer {
 public:
  explicit Lexer(const std::string& s) : s_(s) {}

  std::vector<Token> run() {
    std::vector<Token> out;
    for (;;) {
      while (i_ < s_.size() && std::isspace(static_cast<unsigned char>(s_[i_]))) ++i_;
      Token t;
      t.pos = i_;
      if (i_ >= s_.size()) { out.push_back(t); return out; }
      char c = s_[i_];
      if (c == '\'' || c == '"') {
        t.kind = Tok::String;
        t.text = quoted(c);
      } else if (c == '`') {
        t.kind = Tok::Ident;
        t.text = quoted('`');
        t.quoted_key = true;
      } else if (std::isdigit(static_cast<unsigned char>(c)) || ((c == '-' || c == '+' || c == '.') && i_ + 1 < s_.size() &&
                                                                   (std::isdigit(static_cast<unsigned char>(s_[i_ + 1])) || s_[i_ + 1] == '.'))) {
        t.kind = Tok::Number;
        const char* begin = s_.c_str() + i_;
        char* end = nullptr;
        t.number = std::strtod(begin, &end);
        if (end == begin) throw FilterError("'" + s_.substr(i_, 8) + "' is not a number", i_);
        i_ += size_t(end - begin);
        if (i_ < s_.size() && word_char(s_[i_]))
          throw FilterError("'" + s_.substr(t.pos, i_ - t.pos + 1) + "...' is not a number", t.pos);
      } else if (std::isalpha(static_cast<unsigned char>(c)) || c == '_') {
        identifier(t);
      } else if (c == '(' || c == ')' || c == ',') {
        t.kind = c == '(' ? Tok::LParen : c == ')' ? Tok::RParen : Tok::Comma;
        t.text = std::string(1, c);
        ++i_;
      } else if (c == '=' || c == '!' || c == '<' || c == '>') {
        t.kind = Tok::Op;
        t.text = std::string(1, c);
        ++i_;
        if (i_ < s_.size() && (s_[i_] == '=' || (c == '<' && s_[i_] == '>'))) t.text += s_[i_++];
        if (t.text == "!") throw FilterError("'!' must be followed by '=' (the not-equal operator is !=)", t.pos);
        if (t.text == "==") throw FilterError("use a single '=' to compare for equality", t.pos);
        if (t.text == "<>") t.text = "!=";
      } else {
        throw FilterError(std::string("unexpected character '") + c + "'", i_);
      }
      out.push_back(std::move(t));
    }
  }

 private:
  std::string quoted(char q) {
    size_t start = i_++;
    std::string text;
    for (;;) {
      if (i_ >= s_.size())
        throw FilterError(std::string("this ") + (q == '`' ? "backtick" : "quote") + " is never closed", start);
      char c = s_[i_++];
      if (c == q) {
        if (q != '`' && i_ < s_.size() && s_[i_] == q) { text += q; ++i_; continue; }  // '' is a quote
        return text;
      }
      text += c;
    }
  }

  void identifier(Token& t) {
    t.kind = Tok::Ident;
    size_t start = i_;
    while (i_ < s_.size() && word_char(s_[i_])) ++i_;
    std::string word = s_.substr(start, i_ - start);
    if (i_ < s_.size() && s_[i_] == '.') {
      t.prefix = word;
      ++i_;
      if (i_ < s_.size() && (s_[i_] == '`' || s_[i_] == '"')) {
        t.text = quoted(s_[i_]);
        t.quoted_key = true;
      } else {
        size_t k = i_;
        while (i_ < s_.size() && key_char(s_[i_])) ++i_;
        t.text = s_.substr(k, i_ - k);
        if (t.text.empty())
          throw FilterError("a key must follow '" + word + ".'; quote unusual keys with backticks: " + word +
                                ".`my key`",
                            i_);
      }
      return;
    }
    static const char* keywords[] = {"AND", "OR", "LIKE", "ILIKE", "IN", "NOT", "IS"};
    std::string up = upper(word);
    for (const char* k : keywords)
      if (up == k) { t.kind = Tok::Keyword; t.text = up; return; }
    t.text = word;
  }

  const std::string& s_;
  size_t i_ = 0;
};

// --- grammar ------------------------------------------------------------------------------------

const char* kNumericAttributes[] = {"start_time", "end_time", "created", "duration"};
const char* kTextAttributes[] = {"run_id", "run_name", "status", "user_id", "artifact_uri", "lifecycle_stage"};

bool one_of(const std::string& s, const char* const* list, size_t n) {
  for (size_t i = 0; i < n; ++i)
    if (s == list[i]) return true;
  return false;
}

Entity entity_of(const Token& t) {
  std::string p = t.prefix;
  for (char& c : p) c = char(std::tolower(static_cast<unsigned char>(c)));
  if (p.empty() || p == "attribute" || p == "attributes" || p == "attr" || p == "run") return Entity::Attribute;
  if (p == "metric" || p == "metrics") return Entity::Metric;
  if (p == "param" || p == "params" || p == "parameter" || p == "parameters") return Entity::Param;
  if (p == "tag" || p == "tags") return Entity::Tag;
  if (p == "dataset" || p == "datasets") return Entity::Dataset;
  throw FilterError("unknown entity '" + t.prefix + "'; start the name with metrics., params., tags., attributes. or datasets.",
                    t.pos);
}

std::string attribute_list() {
  std::string out;
  for (const char* a : kTextAttributes) out += std::string(out.empty() ? "" : ", ") + a;
  for (const char* a : kNumericAttributes) out += std::string(", ") + a;
  return out;
}

class Parser {
 public:
  Parser(std::vector<Token> toks) : t_(std::move(toks)) {}

  RunFilter run() {
    RunFilter f;
    if (peek().kind == Tok::End) return f;
    for (;;) {
      f.clauses.push_back(clause());
      const Token& n = peek();
      if (n.kind == Tok::End) return f;
      if (n.kind == Tok::Keyword && n.text == "AND") { ++k_; continue; }
      if (n.kind == Tok::Keyword && n.text == "OR")
        throw FilterError("OR is not supported: MLflow filters combine clauses with AND only", n.pos);
      throw FilterError("expected AND or the end of the filter, found " + describe(n), n.pos);
    }
  }

 private:
  const Token& peek() const { return t_[k_]; }
  const Token& next() { return t_[k_ < t_.size() - 1 ? k_++ : k_]; }

  static std::string describe(const Token& t) {
    switch (t.kind) {
      case Tok::End: return "the end of the filter";
      case Tok::String: return "the string '" + t.text + "'";
      case Tok::Number: return "a number";
      case Tok::Ident: return "'" + (t.prefix.empty() ? t.text : t.prefix + "." + t.text) + "'";
      default: return "'" + t.text + "'";
    }
  }

  FilterClause clause() {
    const Token& id = next();
    if (id.kind == Tok::LParen) throw FilterError("parentheses are not supported; join clauses with AND", id.pos);
    if (id.kind != Tok::Ident)
      throw FilterError("expected a name such as metrics.auc, params.algo or tags.`key`, found " + describe(id), id.pos);
    FilterClause c;
    c.position = id.pos;
    c.entity = entity_of(id);
    c.key = id.text;
    if (c.entity == Entity::Attribute) {
      if (c.key == "Created") c.key = "created";
      if (!one_of(c.key, kNumericAttributes, 4) && !one_of(c.key, kTextAttributes, 6))
        throw FilterError("unknown attribute '" + c.key + "'; known: " + attribute_list() +
                              " (metrics, params and tags need their prefix, e.g. metrics." + c.key + ")",
                          id.pos);
    }
    if (c.entity == Entity::Dataset && c.key != "name" && c.key != "digest" && c.key != "context")
      throw FilterError("unknown dataset field '" + c.key + "'; use datasets.name, datasets.digest or datasets.context",
                        id.pos);
    bool numeric = c.entity == Entity::Metric || (c.entity == Entity::Attribute && one_of(c.key, kNumericAttributes, 4));
    bool lists = c.entity == Entity::Dataset || (c.entity == Entity::Attribute && !numeric);
    std::string name = id.prefix.empty() ? id.text : id.prefix + "." + id.text;

    const Token& op = next();
    if (op.kind == Tok::Op) {
      c.op = op.text == "=" ? CompareOp::Eq : op.text == "!=" ? CompareOp::Ne : op.text == "<" ? CompareOp::Lt
           : op.text == "<=" ? CompareOp::Le : op.text == ">" ? CompareOp::Gt : CompareOp::Ge;
    } else if (op.kind == Tok::Keyword && (op.text == "LIKE" || op.text == "ILIKE" || op.text == "IN")) {
      c.op = op.text == "LIKE" ? CompareOp::Like : op.text == "ILIKE" ? CompareOp::ILike : CompareOp::In;
    } else if (op.kind == Tok::Keyword && op.text == "NOT" && peek().kind == Tok::Keyword && peek().text == "IN") {
      ++k_;
      c.op = CompareOp::NotIn;
    } else {
      throw FilterError("expected a comparison after '" + name + "' (=, !=, <, <=, >, >=, LIKE, ILIKE), found " +
                            describe(op),
                        op.pos);
    }
    bool order_op = c.op == CompareOp::Lt || c.op == CompareOp::Le || c.op == CompareOp::Gt || c.op == CompareOp::Ge;
    bool text_op = c.op == CompareOp::Like || c.op == CompareOp::ILike;
    bool list_op = c.op == CompareOp::In || c.op == CompareOp::NotIn;
    if (numeric && (text_op || list_op))
      throw FilterError("'" + name + "' is a number: compare it with =, !=, <, <=, > or >=", op.pos);
    if (!numeric && order_op)
      throw FilterError("'" + name + "' is text: compare it with =, !=, LIKE or ILIKE" +
                            std::string(lists ? " (or IN)" : "") + "; metrics compare as numbers",
                        op.pos);
    if (list_op && !lists)
      throw FilterError("IN works for attributes and datasets only; for " + std::string(to_string(c.entity)) +
                            " use = or LIKE",
                        op.pos);

    const Token& v = next();
    c.numeric = numeric;
    if (list_op) {
      if (v.kind != Tok::LParen) throw FilterError("IN needs a list in parentheses, e.g. ('FINISHED', 'FAILED')", v.pos);
      for (;;) {
        const Token& item = next();
        if (item.kind != Tok::String) throw FilterError("expected a quoted string in the IN list, found " + describe(item), item.pos);
        c.values.push_back(item.text);
        const Token& sep = next();
        if (sep.kind == Tok::RParen) break;
        if (sep.kind != Tok::Comma) throw FilterError("expected ',' or ')' in the IN list, found " + describe(sep), sep.pos);
      }
    } else if (numeric) {
      if (v.kind != Tok::Number)
        throw FilterError("'" + name + "' compares with a number, found " + describe(v) +
                              (v.kind == Tok::String ? " (drop the quotes)" : ""),
                          v.pos);
      c.number = v.number;
    } else {
      if (v.kind != Tok::String)
        throw FilterError("'" + name + "' compares with a quoted string, found " + describe(v) + "; e.g. " + name +
                              " = '" + (v.kind == Tok::Ident ? v.text : std::string("value")) + "'",
                          v.pos);
      c.text = v.text;
    }
    return c;
  }

  std::vector<Token> t_;
  size_t k_ = 0;
};

// --- matching -----------------------------------------------------------------------------------

bool compare_number(double a, CompareOp op, double b) {
  switch (op) {
    case CompareOp::Eq: return a == b;
    case CompareOp::Ne: return a != b;
    case CompareOp::Lt: return a < b;
    case CompareOp::Le: return a <= b;
    case CompareOp::Gt: return a > b;
    case CompareOp::Ge: return a >= b;
    default: return false;
  }
}

bool compare_text(const std::string& a, const FilterClause& c) {
  switch (c.op) {
    case CompareOp::Eq: return a == c.text;
    case CompareOp::Ne: return a != c.text;
    case CompareOp::Like: return like_match(c.text, a, false);
    case CompareOp::ILike: return like_match(c.text, a, true);
    case CompareOp::In: return std::find(c.values.begin(), c.values.end(), a) != c.values.end();
    case CompareOp::NotIn: return std::find(c.values.begin(), c.values.end(), a) == c.values.end();
    default: return false;
  }
}

bool clause_matches(const FilterClause& c, const Run& r) {
  if (c.entity == Entity::Dataset) {
    for (const auto& in : r.inputs) {
      std::string v = c.key == "name" ? in.dataset.name : c.key == "digest" ? in.dataset.digest : "";
      if (c.key == "context") {
        auto it = in.tags.find(kTagDataContext);
        if (it == in.tags.end()) continue;
        v = it->second;
      }
      if (compare_text(v, c)) return true;
    }
    return false;
  }
  SortValue v = sort_value(r, c.entity, c.key);
  if (!v.present) return false;
  return c.numeric ? compare_number(v.number, c.op, c.number) : compare_text(v.text, c);
}

}  // namespace

bool RunFilter::matches(const Run& run) const {
  for (const auto& c : clauses)
    if (!clause_matches(c, run)) return false;
  return true;
}

RunFilter parse_run_filter(const std::string& text) { return Parser(Lexer(text).run()).run(); }

SortValue sort_value(const Run& r, Entity entity, const std::string& key) {
  SortValue v;
  auto text = [&](const std::string& s) { v.present = true; v.text = s; };
  auto number = [&](double d) { v.present = true; v.numeric = true; v.number = d; };
  switch (entity) {
    case Entity::Metric:
      if (const MetricPoint* p = r.latest(key)) number(p->value);
      break;
    case Entity::Param: {
      auto it = r.params.find(key);
      if (it != r.params.end()) text(it->second);
      break;
    }
    case Entity::Tag: {
      auto it = r.tags.find(key);
      if (it != r.tags.end()) text(it->second);
      break;
    }
    case Entity::Dataset:
      for (const auto& in : r.inputs) {
        text(key == "digest" ? in.dataset.digest : in.dataset.name);
        break;
      }
      break;
    case Entity::Attribute:
      if (key == "start_time" || key == "created") number(double(r.info.start_time));
      else if (key == "end_time") { if (r.info.end_time >= 0) number(double(r.info.end_time)); }
      else if (key == "duration") { if (r.info.end_time >= 0) number(double(r.info.end_time - r.info.start_time)); }
      else if (key == "run_id") text(r.info.run_id);
      else if (key == "run_name") text(r.info.run_name);
      else if (key == "status") text(to_string(r.info.status));
      else if (key == "user_id") text(r.info.user_id);
      else if (key == "artifact_uri") text(r.info.artifact_uri);
      else if (key == "lifecycle_stage") text(r.info.lifecycle_stage);
      break;
  }
  return v;
}

OrderKey parse_order_by(const std::string& text) {
  std::vector<Token> toks = Lexer(text).run();
  size_t k = 0;
  if (toks[k].kind != Tok::Ident)
    throw FilterError("order_by needs a name such as metrics.auc, params.C or start_time", toks[k].pos);
  OrderKey o;
  o.entity = entity_of(toks[k]);
  o.key = toks[k].text;
  if (o.entity == Entity::Attribute && !one_of(o.key, kNumericAttributes, 4) && !one_of(o.key, kTextAttributes, 6))
    throw FilterError("unknown attribute '" + o.key + "' in order_by; known: " + attribute_list(), toks[k].pos);
  ++k;
  if (toks[k].kind == Tok::Ident && (upper(toks[k].text) == "ASC" || upper(toks[k].text) == "DESC")) {
    o.ascending = upper(toks[k].text) == "ASC";
    ++k;
  }
  if (toks[k].kind != Tok::End)
    throw FilterError("order_by is '<name> [ASC|DESC]'; unexpected text after the name", toks[k].pos);
  return o;
}

std::vector<size_t> sorted_order(const std::vector<const Run*>& runs, const std::vector<OrderKey>& keys) {
  std::vector<size_t> idx(runs.size());
  for (size_t i = 0; i < idx.size(); ++i) idx[i] = i;
  // Extract the sort values once: comparing maps inside the comparator would be slow at 1,000 runs.
  std::vector<std::vector<SortValue>> vals(keys.size());
  for (size_t k = 0; k < keys.size(); ++k) {
    vals[k].reserve(runs.size());
    for (const Run* r : runs) vals[k].push_back(sort_value(*r, keys[k].entity, keys[k].key));
  }
  std::sort(idx.begin(), idx.end(), [&](size_t a, size_t b) {
    for (size_t k = 0; k < keys.size(); ++k) {
      const SortValue& x = vals[k][a];
      const SortValue& y = vals[k][b];
      if (x.present != y.present) return x.present;  // missing values last, either direction
      if (!x.present) continue;
      bool xn = x.numeric && !std::isnan(x.number), yn = y.numeric && !std::isnan(y.number);
      if (x.numeric && xn != yn) return xn;  // NaN after numbers
      int cmp = 0;
      if (x.numeric && xn) cmp = x.number < y.number ? -1 : x.number > y.number ? 1 : 0;
      else if (!x.numeric) cmp = x.text.compare(y.text);
      if (cmp != 0) return keys[k].ascending ? cmp < 0 : cmp > 0;
    }
    const RunInfo& x = runs[a]->info;
    const RunInfo& y = runs[b]->info;
    if (x.start_time != y.start_time) return x.start_time > y.start_time;
    if (x.run_id != y.run_id) return x.run_id < y.run_id;
    return a < b;
  });
  return idx;
}

bool like_match(const std::string& pattern, const std::string& text, bool ignore_case) {
  auto eq = [&](char a, char b) {
    return ignore_case ? std::tolower(static_cast<unsigned char>(a)) == std::tolower(static_cast<unsigned char>(b)) : a == b;
  };
  // Iterative wildcard match with backtracking to the last '%': linear in practice, no recursion.
  size_t p = 0, t = 0, star = std::string::npos, mark = 0;
  while (t < text.size()) {
    if (p < pattern.size() && pattern[p] == '%') { star = p++; mark = t; }
    else if (p < pattern.size() && (pattern[p] == '_' || eq(pattern[p], text[t]))) { ++p; ++t; }
    else if (star != std::string::npos) { p = star + 1; t = ++mark; }
    else return false;
  }
  while (p < pattern.size() && pattern[p] == '%') ++p;
  return p == pattern.size();
}

std::string describe_filter_error(const std::string& filter, const FilterError& e) {
  size_t pos = std::min(e.position, filter.size());
  return "bad filter at character " + std::to_string(pos + 1) + ": " + e.what() + "\n  " + filter + "\n  " +
         std::string(pos, ' ') + "^";
}

}  // namespace lab
