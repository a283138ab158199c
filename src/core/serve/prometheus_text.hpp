#pragma once
// Prometheus text exposition format 0.0.4 (what a /metrics endpoint returns): metric families
// with HELP and TYPE lines and samples with escaped labels. Any module that exposes numbers to
// Prometheus writes them through this, so names, escaping and number formatting are checked once
// (`promtool check metrics` accepts the output; tests/http/metrics.test.mjs runs it).
#include <string>
#include <utility>
#include <vector>

namespace lab {

using PromLabels = std::vector<std::pair<std::string, std::string>>;

class PrometheusText {
 public:
  // type: counter | gauge | histogram | summary | untyped. Starts a new family.
  void family(const std::string& name, const std::string& help, const std::string& type);
  // One sample; `suffix` is "_bucket", "_sum", "_count" or "" (appended to the family name).
  void sample(const std::string& suffix, const PromLabels& labels, double value);
  // A cumulative histogram from per-bucket counts (bounds ascending, counts.size() == bounds.size() + 1,
  // the last count being the +Inf overflow).
  void histogram(const PromLabels& labels, const std::vector<double>& bounds, const std::vector<uint64_t>& counts,
                 double sum);
  const std::string& text() const { return out_; }

  static std::string escape_label(const std::string& value);  // \ " and newline escaped
  static std::string number(double v);                         // shortest exact form; +Inf, -Inf, NaN

 private:
  std::string out_, name_;
};

}  // namespace lab
