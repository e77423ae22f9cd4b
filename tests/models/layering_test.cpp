// The arrows between the folders: tools -> models -> sim, never back, and inside models/ each
// package includes only the packages its CMake link line names (CMakeLists.txt, models/README.md).
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <string>
#include <vector>

namespace ccsim {
namespace {

namespace fs = std::filesystem;

// What each package of models/ may include besides itself (and sim/).
const std::map<std::string, std::set<std::string>>& allowed() {
  static const std::map<std::string, std::set<std::string>> table{
      {"io", {}},
      {"kpi", {}},
      {"scenario", {"io", "kpi"}},
      {"queueing", {}},
      {"centre", {"scenario", "kpi"}},
      {"planning", {"centre", "queueing", "scenario", "io", "kpi"}},
      {"studies", {"centre", "scenario", "io", "kpi"}},
      {"measured", {"centre", "queueing", "scenario", "io", "kpi"}},
  };
  return table;
}

// The project includes of a file: the quoted paths of its #include lines.
std::vector<std::string> includes_of(const fs::path& file) {
  static const std::regex include(R"(^\s*#\s*include\s*"([^"]+)\")");
  std::vector<std::string> found;
  std::ifstream in(file);
  std::string line;
  std::smatch m;
  while (std::getline(in, line)) {
    if (std::regex_search(line, m, include)) found.push_back(m[1]);
  }
  return found;
}

// Every source file below `folder`, relative to the source root.
std::vector<fs::path> sources_below(const std::string& folder) {
  std::vector<fs::path> files;
  for (const auto& e : fs::recursive_directory_iterator(fs::path(CCSIM_SOURCE_DIR) / folder)) {
    const auto ext = e.path().extension();
    if (e.is_regular_file() && (ext == ".h" || ext == ".cpp")) files.push_back(e.path());
  }
  return files;
}

// The problems of one include `inc` of a file in package `package` ("" outside models/).
std::string problem(const std::string& top, const std::string& package, const std::string& inc) {
  if (top == "sim" && !inc.starts_with("sim/")) return "sim/ includes only sim/";
  if (top == "models" && inc.starts_with("tools/")) return "models/ never includes tools/";
  if (top != "models" || !inc.starts_with("models/")) return "";
  const auto slash = inc.find('/', 7);
  if (slash == std::string::npos) return "models/ has no files outside its packages";
  const std::string target = inc.substr(7, slash - 7);
  if (target == package) return "";
  const auto it = allowed().find(package);
  if (it == allowed().end()) return "a file of models/ outside the packages";
  if (!allowed().contains(target)) return "no package models/" + target;
  if (!it->second.contains(target)) return "package " + package + " may not use " + target;
  return "";
}

TEST(Layering, NoPackageIncludesOneItMayNotUse) {
  std::vector<std::string> wrong;
  for (const std::string top : {"sim", "models"}) {
    for (const fs::path& file : sources_below(top)) {
      const auto rel = fs::relative(file, CCSIM_SOURCE_DIR);
      auto part = rel.begin();
      ++part;
      const std::string package = top == "models" ? part->string() : "";
      for (const std::string& inc : includes_of(file)) {
        const std::string p = problem(top, package, inc);
        if (!p.empty()) wrong.push_back(rel.string() + " includes " + inc + ": " + p);
      }
    }
  }
  EXPECT_TRUE(wrong.empty()) << ::testing::PrintToString(wrong);
}

TEST(Layering, AWrongWayIncludeIsFound) {
  EXPECT_EQ(problem("models", "kpi", "models/centre/contact_centre.h"),
            "package kpi may not use centre");
  EXPECT_EQ(problem("models", "centre", "models/planning/staffing.h"),
            "package centre may not use planning");
  EXPECT_EQ(problem("models", "scenario", "tools/output.h"), "models/ never includes tools/");
  EXPECT_EQ(problem("sim", "", "models/kpi/kpi.h"), "sim/ includes only sim/");
  EXPECT_EQ(problem("models", "measured", "models/queueing/erlang.h"), "");
}

}  // namespace
}  // namespace ccsim
