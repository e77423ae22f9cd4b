// Reads an .xlsx workbook back for tests, with python3-openpyxl (tests/tools/read_workbook.py):
// an implementation independent of the libxlsxwriter that wrote it.
#pragma once

#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

namespace ccsim::test {

// {"sheets": [{"name", "frozen", "autofilter", "values": [[...]], "formats": [[...]],
// "bold": [...]}]} of the workbook `file`; nullopt when python3 or openpyxl is missing (the
// caller skips). A workbook openpyxl cannot read gives {"error": MESSAGE}.
inline std::optional<nlohmann::json> read_workbook(const std::filesystem::path& file) {
  // The system's python3 first: python3-openpyxl is a Debian package (tools/deps.sh), and a
  // python3 earlier on PATH (a virtualenv, pyenv) may not see it.
  const std::string python =
      ::access("/usr/bin/python3", X_OK) == 0 ? "/usr/bin/python3" : "python3";
  const std::string command = python + " '" + CCSIM_SOURCE_DIR +
                              "/tests/tools/read_workbook.py' '" + file.string() + "' 2>&1";
  FILE* pipe = ::popen(command.c_str(), "r");
  if (!pipe) return std::nullopt;
  std::string out;
  char buf[4096];
  std::size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, pipe)) > 0) out.append(buf, n);
  const int status = ::pclose(pipe);
  const int code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  if (code == 3 || code == 127) return std::nullopt;  // no openpyxl; no python3
  if (code != 0) return nlohmann::json{{"error", out}};
  return nlohmann::json::parse(out);
}

// The sheet named `name` of a read_workbook result; a null json when there is none.
inline nlohmann::json sheet_of(const nlohmann::json& book, const std::string& name) {
  for (const auto& s : book.at("sheets")) {
    if (s.at("name") == name) return s;
  }
  return nullptr;
}

}  // namespace ccsim::test
