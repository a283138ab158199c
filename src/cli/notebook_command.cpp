#include "cli/notebook_command.hpp"

#include <filesystem>
#include <fstream>
#include <iostream>
#include <stdexcept>

namespace fs = std::filesystem;
using nlohmann::json;

namespace lab {

int notebook_command(Dispatcher& d, const std::map<std::string, std::string>& flags) {
  if (!flags.count("run")) throw std::invalid_argument("lab notebook needs --run ID (the run to export; `lab cmd '{\"cmd\":\"runs.list\"}'` lists them)");
  const fs::path out = flags.count("out") ? flags.at("out") : ".";
  json reply = d.handle({{"cmd", "recipe.notebook"}, {"run_id", flags.at("run")}, {"format", "all"}});
  if (!reply.value("ok", false)) {
    std::cerr << "lab: " << reply.value("error", "the export failed") << "\n";
    return 1;
  }
  fs::create_directories(out);
  json written = json::array();
  for (const auto& f : reply["files"]) {
    const fs::path p = out / f["name"].get<std::string>();
    std::ofstream file(p, std::ios::binary);
    if (!(file << f["text"].get<std::string>())) throw std::invalid_argument("cannot write '" + p.string() + "'");
    written.push_back(p.string());
  }
  if (flags.count("json")) {
    std::cout << safe_dump({{"ok", true}, {"run_id", reply["run_id"]}, {"files", written}}, 2) << "\n";
  } else {
    for (const auto& p : written) std::cout << "wrote " << p.get<std::string>() << "\n";
    std::cout << "run it: cd " << out.string() << " && python3 " << reply["script_filename"].get<std::string>()
              << "  (or open " << reply["notebook_filename"].get<std::string>() << " in Jupyter)\n";
  }
  return 0;
}

}  // namespace lab
