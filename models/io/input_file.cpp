#include "models/io/input_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <utility>

#include "models/io/text.h"

namespace ccsim {

namespace {

constexpr std::size_t kReadChunk = 1 << 16;

// nlohmann's message without its "[json.exception....] " prefix.
std::string exception_text(const std::string& what) {
  const std::size_t close = what.find("] ");
  return close == std::string::npos ? what : what.substr(close + 2);
}

// 1-based line and column of byte `offset` of `text`.
std::pair<std::size_t, std::size_t> line_column(std::string_view text, std::size_t offset) {
  offset = std::min(offset, text.size());
  const std::size_t line =
      1 + static_cast<std::size_t>(std::count(text.begin(), text.begin() + offset, '\n'));
  const std::size_t line_start = text.rfind('\n', offset == 0 ? 0 : offset - 1);
  const std::size_t column =
      line_start == std::string::npos || offset == 0 ? offset + 1 : offset - line_start;
  return {line, column};
}

std::string at_line_column(std::size_t line, std::size_t column) {
  return "at line " + std::to_string(line) + ", column " + std::to_string(column);
}

}  // namespace

std::string input_file_message(const std::string& name, InputFileProblem problem) {
  switch (problem) {
    case InputFileProblem::CannotOpen:
      return name + ": cannot open file";
    case InputFileProblem::Directory:
      return name + ": is a directory";
    case InputFileProblem::NotRegularFile:
      return name + ": not a regular file (a FIFO, socket or device)";
    case InputFileProblem::CannotRead:
      return name + ": cannot read file";
  }
  return name + ": cannot read file";
}

InputFile::InputFile(const std::filesystem::path& file) : name_(file.string()) {
  // O_NONBLOCK: opening a FIFO without a writer would otherwise wait for one.
  fd_ = ::open(file.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
  if (fd_ < 0) {
    problem_ = errno == EISDIR ? InputFileProblem::Directory : InputFileProblem::CannotOpen;
    return;
  }
  struct stat st {};
  if (::fstat(fd_, &st) != 0) {
    problem_ = InputFileProblem::CannotRead;
  } else if (S_ISDIR(st.st_mode)) {
    problem_ = InputFileProblem::Directory;
  } else if (!S_ISREG(st.st_mode)) {
    problem_ = InputFileProblem::NotRegularFile;
  }
  if (problem_) {
    ::close(fd_);
    fd_ = -1;
  }
}

InputFile::~InputFile() {
  if (fd_ >= 0) ::close(fd_);
}

std::string InputFile::message() const {
  return input_file_message(name_, problem_.value_or(InputFileProblem::CannotRead));
}

bool InputFile::fill() {
  if (fd_ < 0 || eof_) return false;
  if (pos_ > 0) {
    buffer_.erase(0, pos_);
    pos_ = 0;
  }
  const std::size_t old = buffer_.size();
  buffer_.resize(old + kReadChunk);
  ssize_t n = 0;
  do {
    n = ::read(fd_, buffer_.data() + old, kReadChunk);
  } while (n < 0 && errno == EINTR);
  buffer_.resize(old + static_cast<std::size_t>(std::max<ssize_t>(n, 0)));
  if (n < 0) problem_ = InputFileProblem::CannotRead;
  if (n <= 0) eof_ = true;
  return n > 0;
}

bool InputFile::getline(std::string& line) {
  if (problem_) return false;
  std::size_t searched = pos_;
  for (;;) {
    const std::size_t nl = buffer_.find('\n', searched);
    if (nl != std::string::npos) {
      line.assign(buffer_, pos_, nl - pos_);
      pos_ = nl + 1;
      return true;
    }
    searched = buffer_.size() - pos_;  // offsets shift by pos_ when fill() compacts
    if (!fill()) break;
  }
  if (problem_ || pos_ == buffer_.size()) return false;
  line.assign(buffer_, pos_, std::string::npos);
  pos_ = buffer_.size();
  return true;
}

bool InputFile::read_rest(std::string& text) {
  if (problem_) return false;
  text.append(buffer_, pos_, std::string::npos);
  buffer_.clear();
  pos_ = 0;
  while (fill()) {
    text += buffer_;
    buffer_.clear();
  }
  return !problem_;
}

std::optional<std::string> read_input_file(const std::filesystem::path& file, std::string& text) {
  InputFile in(file);
  text.clear();
  if (!in.read_rest(text)) return in.message();
  return std::nullopt;
}

std::optional<std::string> json_depth_problem(std::string_view text) {
  int depth = 0;
  text::JsonStringTracker strings;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (!strings.outside(c)) continue;
    if (c == '[' || c == '{') {
      if (++depth > kMaxJsonDepth) {
        const auto [line, column] = line_column(text, i);
        return "invalid JSON " + at_line_column(line, column) + ": nested deeper than " +
               std::to_string(kMaxJsonDepth) + " levels";
      }
    } else if ((c == ']' || c == '}') && depth > 0) {
      --depth;
    }
  }
  return std::nullopt;
}

template <class Json>
JsonParse<Json> parse_json_text(const std::string& text, const std::string& name,
                                typename Json::parser_callback_t callback) {
  JsonParse<Json> out;
  if (auto deep = json_depth_problem(text)) {
    out.error = name + ": " + *deep;
    return out;
  }
  try {
    out.document = Json::parse(text, callback);
  } catch (const typename Json::parse_error& e) {
    // "parse error at line L, column C: WHAT"
    const std::string message = exception_text(e.what());
    const std::size_t colon = message.find(": ");
    const std::string what = colon == std::string::npos ? message : message.substr(colon + 2);
    auto [line, column] = line_column(text, e.byte == 0 ? 0 : e.byte - 1);
    const std::size_t at = message.find(" at line ");
    if (at != std::string::npos) {
      unsigned long l = 0, c = 0;
      if (std::sscanf(message.c_str() + at, " at line %lu, column %lu", &l, &c) == 2) {
        line = l;
        column = c;
      }
    }
    out.error = name + ": invalid JSON " + at_line_column(line, column) + ": " + what;
  } catch (const typename Json::exception& e) {
    // A number out of the range of double, e.g. "number overflow parsing '1e400'".
    const std::string what = exception_text(e.what());
    const std::size_t open = what.find('\''), close = what.rfind('\'');
    std::string position;
    if (open != std::string::npos && close > open + 1) {
      const std::size_t offset = text.find(what.substr(open + 1, close - open - 1));
      if (offset != std::string::npos) {
        const auto [line, column] = line_column(text, offset);
        position = " " + at_line_column(line, column);
      }
    }
    out.error = name + ": invalid JSON" + position + ": " + what;
  }
  if (!out.error.empty()) out.document.reset();
  return out;
}

template JsonParse<nlohmann::json> parse_json_text(const std::string&, const std::string&,
                                                   nlohmann::json::parser_callback_t);
template JsonParse<nlohmann::ordered_json> parse_json_text(
    const std::string&, const std::string&, nlohmann::ordered_json::parser_callback_t);

}  // namespace ccsim
