// Opening and reading the files ccsim is given as input (scenarios, --vs variants, arrival
// traces, measured reports, contact logs, shift templates, sweep documents and sweep files), and
// parsing the JSON ones. Every reader goes through here, so that none can forget a check:
//  - only a regular file is read: a directory, a FIFO (which would block for ever) or a device
//    (/dev/zero, which never ends) is refused with a message naming the file;
//  - JSON nested deeper than kMaxJsonDepth is refused before it is parsed, so that nothing
//    later recurses through it (nlohmann's dump would overflow the stack).
#pragma once

#include <cstddef>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

namespace ccsim {

// Why an input file cannot be read.
enum class InputFileProblem { CannotOpen, Directory, NotRegularFile, CannotRead };

// "NAME: cannot open file", "NAME: is a directory", "NAME: not a regular file (a FIFO, socket
// or device)", "NAME: cannot read file".
std::string input_file_message(const std::string& name, InputFileProblem problem);

// A file opened for reading, if it is a regular file. Opening never blocks (a FIFO is opened
// non-blocking and then refused). Not copyable.
class InputFile {
 public:
  explicit InputFile(const std::filesystem::path& file);
  ~InputFile();
  InputFile(const InputFile&) = delete;
  InputFile& operator=(const InputFile&) = delete;

  // Set when the file could not be opened, or a read failed.
  const std::optional<InputFileProblem>& problem() const { return problem_; }
  // input_file_message for problem() with the path as given. REQUIRES: problem().
  std::string message() const;

  // The next line, without its '\n' (a '\r' before it is kept). False at the end of the file
  // or on a read error (then problem() is CannotRead).
  bool getline(std::string& line);
  // Appends the rest of the file to `text`; false on a read error.
  bool read_rest(std::string& text);

 private:
  bool fill();  // reads more into buffer_; false at the end or on an error

  std::string name_;
  int fd_ = -1;
  std::optional<InputFileProblem> problem_;
  std::string buffer_;
  std::size_t pos_ = 0;
  bool eof_ = false;
};

// The whole of regular file `file` in `text` (a UTF-8 byte order mark kept); the message of
// the problem otherwise.
std::optional<std::string> read_input_file(const std::filesystem::path& file, std::string& text);

// JSON nested deeper than this (arrays and objects) is refused by parse_json_text.
inline constexpr int kMaxJsonDepth = 100;

// "invalid JSON at line L, column C: nested deeper than 100 levels" if `text` holds arrays
// and objects nested deeper than kMaxJsonDepth (brackets in strings do not count); nullopt
// otherwise. Linear, without recursion, whatever `text` is.
std::optional<std::string> json_depth_problem(std::string_view text);

// The result of parse_json_text: the document, or one error naming the input.
template <class Json>
struct JsonParse {
  std::optional<Json> document;
  std::string error;  // "NAME: invalid JSON at line L, column C: WHAT" when !document
};

// Parses `text` as JSON with nlohmann's parser callback `callback` (may be null), after
// json_depth_problem. Never throws on bad input; errors name `name` and the line and column.
template <class Json>
JsonParse<Json> parse_json_text(const std::string& text, const std::string& name,
                                typename Json::parser_callback_t callback = nullptr);

extern template JsonParse<nlohmann::json> parse_json_text(const std::string&, const std::string&,
                                                          nlohmann::json::parser_callback_t);
extern template JsonParse<nlohmann::ordered_json> parse_json_text(
    const std::string&, const std::string&, nlohmann::ordered_json::parser_callback_t);

}  // namespace ccsim
