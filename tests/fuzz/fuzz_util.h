// Helpers shared by the libFuzzer harnesses of tests/fuzz/ (README.md there).
#pragma once

#include <stdlib.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <string>
#include <string_view>

namespace ccsim::fuzz {

// A private directory for this process, created on first use (mkdtemp under $TMPDIR or /tmp)
// and removed at exit. Readers that take a path read their input from a file in it.
inline const std::filesystem::path& work_dir() {
  static const std::filesystem::path dir = [] {
    std::string pattern = (std::filesystem::temp_directory_path() / "ccsim_fuzz_XXXXXX").string();
    if (::mkdtemp(pattern.data()) == nullptr) std::abort();
    static const std::filesystem::path made = pattern;
    std::atexit([] {
      std::error_code ec;
      std::filesystem::remove_all(made, ec);
    });
    return made;
  }();
  return dir;
}

// Writes `bytes` to `name` in work_dir() (replacing it) and returns its path.
inline std::filesystem::path write_input(const std::string& name, std::string_view bytes) {
  const std::filesystem::path path = work_dir() / name;
  std::FILE* f = std::fopen(path.c_str(), "wb");
  if (f == nullptr) std::abort();
  if (!bytes.empty() && std::fwrite(bytes.data(), 1, bytes.size(), f) != bytes.size()) {
    std::abort();
  }
  if (std::fclose(f) != 0) std::abort();
  return path;
}

inline std::string_view as_text(const std::uint8_t* data, std::size_t size) {
  return {reinterpret_cast<const char*>(data), size};
}

// Splits off a first line "PREFIX..." of `text`: returns the rest of that line and removes the
// line (with its '\n') from `text`; empty and `text` unchanged when the first line does not
// start with PREFIX.
inline std::string take_directive(std::string_view& text, std::string_view prefix) {
  if (!text.starts_with(prefix)) return {};
  const std::size_t end = text.find('\n');
  const std::string_view line = text.substr(0, end);
  std::string value(line.substr(prefix.size()));
  text.remove_prefix(end == std::string_view::npos ? text.size() : end + 1);
  return value;
}

}  // namespace ccsim::fuzz
