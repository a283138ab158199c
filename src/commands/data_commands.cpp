#include "commands/command_areas.hpp"

#include "commands/json_args.hpp"

namespace lab {

using nlohmann::json;

void register_data_commands(Dispatcher& d, Session& s) {
  d.add("data.generate", "generate a workshop dataset: {dataset: 'loan', rows, seed}", [&s](const json& a) {
    std::string name = args::str(a, "dataset", "loan");
    int64_t rows = args::integer(a, "rows", 5000);
    int64_t seed = args::integer(a, "seed", 42);
    if (rows <= 0) throw std::invalid_argument("field 'rows' must be a positive number of rows, got " + std::to_string(rows));
    if (seed < 0) throw std::invalid_argument("field 'seed' must be 0 or more, got " + std::to_string(seed));
    const auto& d = s.generate(name, rows, uint64_t(seed));
    return json{{"dataset", d.name}, {"rows", d.table.rows()}, {"columns", d.table.cols()}, {"hash", d.hash}};
  });
  d.add("data.preview", "rows of the current dataset: {offset, limit}", [&s](const json& a) {
    const auto& d = s.dataset();
    if (!d) throw std::invalid_argument("no dataset yet; run data.generate first");
    int64_t offset = args::integer(a, "offset", 0), limit = args::integer(a, "limit", 20);
    if (offset < 0 || limit < 0 || limit > 10000)
      throw std::invalid_argument("offset must be >= 0 and limit between 0 and 10000");
    json cols = json::array(), rows = json::array();
    for (const auto& c : d->table.columns) cols.push_back(c.name);
    for (size_t r = size_t(offset); r < d->table.rows() && r < size_t(offset + limit); ++r) {
      json row = json::array();
      for (const auto& c : d->table.columns) row.push_back(c.values[r]);
      rows.push_back(row);
    }
    return json{{"columns", cols}, {"rows", rows}, {"total_rows", d->table.rows()}, {"hash", d->hash}};
  });
  d.add("data.schema", "the inferred schema of the current dataset", [&s](const json&) {
    const auto& d = s.dataset();
    if (!d) throw std::invalid_argument("no dataset yet; run data.generate first");
    json cols = json::array();
    for (const auto& c : d->schema.columns)
      cols.push_back({{"name", c.name}, {"type", to_string(c.type)}, {"role", to_string(c.role)},
                      {"description", c.description}, {"min", c.min}, {"max", c.max}, {"mean", c.mean},
                      {"missing", c.missing}});
    return json{{"columns", cols}, {"hash", d->hash}};
  });

}

}  // namespace lab
