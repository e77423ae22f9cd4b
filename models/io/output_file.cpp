#include "models/io/output_file.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstdint>
#include <cstring>
#include <limits>
#include <mutex>
#include <random>
#include <streambuf>
#include <string_view>
#include <utility>
#include <vector>

namespace ccsim {

namespace fs = std::filesystem;

namespace {

// ---- resolving a path ----

constexpr int kMaxLinks = 40;  // as the kernel's ELOOP limit

// Why a path cannot be written, as a sentence naming it.
using Problem = std::optional<std::string>;

// Follows the symbolic links of `path` to a path that is no link (which may not exist).
// `through_proc` is set when a link leads into /proc (as /dev/stdout does), whose links are the
// open files of a process rather than places in the file system.
Problem follow_links(const fs::path& path, fs::path& resolved, bool& through_proc) {
  fs::path p = path;
  through_proc = false;
  for (int hops = 0;; ++hops) {
    struct stat st {};
    if (::lstat(p.c_str(), &st) != 0 || !S_ISLNK(st.st_mode)) {
      resolved = p;
      return std::nullopt;
    }
    if (hops == kMaxLinks) return path.string() + " is a loop of symbolic links";
    std::error_code ec;
    const fs::path next = fs::read_symlink(p, ec);
    if (ec) return path.string() + " cannot be read (" + ec.message() + ")";
    p = next.is_absolute() ? next : p.parent_path() / next;
    if (p.string().starts_with("/proc/")) through_proc = true;
  }
}

// The folder a new or replaced file is written in must exist and be writable.
Problem check_folder(const fs::path& file, const fs::path& given) {
  const fs::path dir = file.has_parent_path() ? file.parent_path() : fs::path(".");
  struct stat st {};
  if (::stat(dir.c_str(), &st) != 0) {
    if (errno == ENOENT) {
      return "folder " + dir.string() + " does not exist (got " + given.string() + ")";
    }
    return "folder " + dir.string() + " cannot be used (" + std::strerror(errno) + "; got " +
           given.string() + ")";
  }
  if (!S_ISDIR(st.st_mode)) {
    return dir.string() + " is not a folder (got " + given.string() + ")";
  }
  if (::access(dir.c_str(), W_OK | X_OK) != 0) {
    return "folder " + dir.string() + " is not writable (got " + given.string() + ")";
  }
  return std::nullopt;
}

}  // namespace

std::optional<std::string> resolve_output(const fs::path& path, OutputTarget& target) {
  if (path.empty()) return "a file is required";
  const std::string name = path.string();
  struct stat st {};
  if (::stat(path.c_str(), &st) == 0) {
    if (S_ISDIR(st.st_mode)) return name + " is a directory";
    if (S_ISBLK(st.st_mode)) return name + " is a block device";
    if (S_ISSOCK(st.st_mode)) return name + " is a socket";
    if (S_ISCHR(st.st_mode) || S_ISFIFO(st.st_mode)) {
      if (::access(path.c_str(), W_OK) != 0) return name + " is not writable";
      target = {path, OutputKind::InPlace};
      return std::nullopt;
    }
  } else if (errno != ENOENT) {
    return name + " cannot be written (" + std::strerror(errno) + ")";
  }
  const bool exists = S_ISREG(st.st_mode);
  fs::path file;
  bool through_proc = false;
  if (auto problem = follow_links(path, file, through_proc)) return problem;
  if (exists && through_proc) {  // e.g. /dev/stdout redirected to a file: append to it there
    if (::access(path.c_str(), W_OK) != 0) return name + " is not writable";
    target = {path, OutputKind::InPlace};
    return std::nullopt;
  }
  if (auto problem = check_folder(file, path)) return problem;
  target = {file, exists ? OutputKind::ReplaceFile : OutputKind::NewFile};
  return std::nullopt;
}

std::optional<FileIdentity> file_identity(const fs::path& path) {
  struct stat st {};
  if (::stat(path.c_str(), &st) == 0) return FileIdentity{st.st_dev, st.st_ino, ""};
  fs::path file;
  bool through_proc = false;
  if (follow_links(path, file, through_proc) || !file.has_filename()) return std::nullopt;
  const fs::path dir = file.has_parent_path() ? file.parent_path() : fs::path(".");
  if (::stat(dir.c_str(), &st) != 0) return std::nullopt;
  return FileIdentity{st.st_dev, st.st_ino, file.filename().string()};
}

namespace {

// ---- temporary file names ----

std::uint64_t fnv1a(std::string_view text) {
  std::uint64_t h = 14695981039346656037ull;
  for (unsigned char c : text) {
    h ^= c;
    h *= 1099511628211ull;
  }
  return h;
}

std::string hex(std::uint64_t value, int digits) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string s(std::size_t(digits), '0');
  for (int i = digits - 1; i >= 0; --i, value >>= 4) s[std::size_t(i)] = kDigits[value & 15];
  return s;
}

const std::string& host_hash() {
  static const std::string hash = [] {
    char host[256] = {};
    ::gethostname(host, sizeof host - 1);
    return hex(fnv1a(host), 8);
  }();
  return hash;
}

// ".PREFIX.ccsim-TARGET-HOST-": what every temporary file of this machine for the target
// `target_name` starts with.
std::string temporary_stem(const std::string& target_name) {
  constexpr std::size_t kPrefixBytes = 64;
  std::size_t cut = std::min(target_name.size(), kPrefixBytes);
  // Not inside a UTF-8 sequence: back up over continuation bytes.
  while (cut > 0 && cut < target_name.size() &&
         (static_cast<unsigned char>(target_name[cut]) & 0xC0) == 0x80) {
    --cut;
  }
  return "." + target_name.substr(0, cut) + ".ccsim-" + hex(fnv1a(target_name), 16) + "-" +
         host_hash() + "-";
}

// The process id of a temporary file's name "STEM" + "PID-RANDOM.tmp", or nullopt when the
// name is not of that form.
std::optional<pid_t> temporary_pid(std::string_view name, std::string_view stem) {
  constexpr std::string_view kSuffix = ".tmp";
  constexpr std::size_t kRandomDigits = 8;
  if (!name.starts_with(stem) || !name.ends_with(kSuffix)) return std::nullopt;
  std::string_view rest = name.substr(stem.size(), name.size() - stem.size() - kSuffix.size());
  const std::size_t dash = rest.find('-');
  if (dash == 0 || dash == std::string_view::npos || dash > 10) return std::nullopt;
  if (rest.size() - dash - 1 != kRandomDigits) return std::nullopt;
  long long pid = 0;
  for (char c : rest.substr(0, dash)) {
    if (c < '0' || c > '9') return std::nullopt;
    pid = pid * 10 + (c - '0');
  }
  if (pid <= 0 || pid > std::numeric_limits<pid_t>::max()) return std::nullopt;
  for (char c : rest.substr(dash + 1)) {
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return std::nullopt;
  }
  return pid_t(pid);
}

// Removes the temporary files in `dir` for the target `target_name` whose writing process, on
// this machine, no longer exists (killed with SIGKILL, or the machine stopped). Best effort.
void remove_stale_temporaries(const fs::path& dir, const std::string& target_name) {
  const std::string stem = temporary_stem(target_name);
  std::error_code ec;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    const std::string name = it->path().filename().string();
    const std::optional<pid_t> pid = temporary_pid(name, stem);
    if (!pid || *pid == ::getpid()) continue;
    if (::kill(*pid, 0) == 0 || errno != ESRCH) continue;  // alive (or not ours to judge)
    struct stat st {};
    if (::lstat(it->path().c_str(), &st) == 0 && S_ISREG(st.st_mode)) ::unlink(it->path().c_str());
  }
}

}  // namespace

std::string temporary_name(const std::string& target_name) {
  static std::mutex mutex;
  static std::mt19937_64 random{std::random_device{}()};
  std::uint64_t r = 0;
  {
    std::lock_guard<std::mutex> lock(mutex);
    r = random();
  }
  return temporary_stem(target_name) + std::to_string(::getpid()) + "-" + hex(r, 8) + ".tmp";
}

namespace {

// ---- removal of temporary files on signals ----

// Temporary files being written, which a handler of SIGINT, SIGTERM and SIGHUP removes before
// the signal's default action, so that an interrupted command leaves nothing behind. Fixed
// slots, since the handler may only make async-signal-safe calls (unlink, sigaction, raise).
constexpr std::size_t kPendingSlots = 16;
constexpr std::size_t kPendingPathBytes = 4096;
char g_pending_path[kPendingSlots][kPendingPathBytes];
std::atomic<bool> g_pending_claimed[kPendingSlots];
std::atomic<bool> g_pending_ready[kPendingSlots];  // set once the path is written

void remove_pending_and_reraise(int signal_number) {
  for (std::size_t i = 0; i < kPendingSlots; ++i) {
    if (g_pending_ready[i].load()) ::unlink(g_pending_path[i]);
  }
  struct sigaction default_action {};
  default_action.sa_handler = SIG_DFL;
  ::sigemptyset(&default_action.sa_mask);
  ::sigaction(signal_number, &default_action, nullptr);
  ::raise(signal_number);
}

// Installs the handler for each signal whose action is still the default (a signal ignored,
// e.g. under nohup, or handled by someone else is left alone).
void install_cleanup_handlers() {
  static std::once_flag once;
  std::call_once(once, [] {
    for (int signal_number : {SIGINT, SIGTERM, SIGHUP}) {
      struct sigaction current {};
      if (::sigaction(signal_number, nullptr, &current) != 0) continue;
      if (current.sa_handler != SIG_DFL) continue;
      struct sigaction action {};
      action.sa_handler = remove_pending_and_reraise;
      ::sigemptyset(&action.sa_mask);
      ::sigaction(signal_number, &action, nullptr);
    }
  });
}

// Registers a temporary file for removal on those signals while this object lives. Best
// effort: with every slot taken (or a path too long) the file is simply not registered.
class PendingTemporary {
 public:
  explicit PendingTemporary(const fs::path& path) {
    install_cleanup_handlers();
    const std::string& text = path.native();
    if (text.size() >= kPendingPathBytes) return;
    for (std::size_t i = 0; i < kPendingSlots; ++i) {
      bool expected = false;
      if (!g_pending_claimed[i].compare_exchange_strong(expected, true)) continue;
      std::memcpy(g_pending_path[i], text.c_str(), text.size() + 1);
      g_pending_ready[i].store(true);
      slot_ = i;
      return;
    }
  }
  ~PendingTemporary() {
    if (slot_ == kPendingSlots) return;
    g_pending_ready[slot_].store(false);
    g_pending_claimed[slot_].store(false);
  }
  PendingTemporary(const PendingTemporary&) = delete;
  PendingTemporary& operator=(const PendingTemporary&) = delete;

 private:
  std::size_t slot_ = kPendingSlots;
};

// ---- writing ----

// An output stream buffer over a file descriptor that keeps the errno of the first failed
// write (0: none), so that a failure can say why.
class FdBuffer : public std::streambuf {
 public:
  explicit FdBuffer(int fd) : fd_(fd), buffer_(std::size_t(1) << 16) { reset(); }
  int error() const { return error_; }

 protected:
  int_type overflow(int_type ch) override {
    if (!drain()) return traits_type::eof();
    if (!traits_type::eq_int_type(ch, traits_type::eof())) {
      *pptr() = traits_type::to_char_type(ch);
      pbump(1);
    }
    return traits_type::not_eof(ch);
  }
  std::streamsize xsputn(const char* s, std::streamsize n) override {
    if (n <= epptr() - pptr()) {
      std::memcpy(pptr(), s, std::size_t(n));
      pbump(int(n));
      return n;
    }
    return drain() && write_all(s, std::size_t(n)) ? n : 0;
  }
  int sync() override { return drain() ? 0 : -1; }

 private:
  void reset() { setp(buffer_.data(), buffer_.data() + buffer_.size()); }
  bool drain() {
    if (error_ != 0) return false;
    const bool ok = write_all(pbase(), std::size_t(pptr() - pbase()));
    reset();
    return ok;
  }
  bool write_all(const char* data, std::size_t size) {
    while (size > 0 && error_ == 0) {
      const ssize_t n = ::write(fd_, data, size);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) {
        error_ = n < 0 ? errno : EIO;
        break;
      }
      data += n;
      size -= std::size_t(n);
    }
    return error_ == 0;
  }

  int fd_;
  std::vector<char> buffer_;
  int error_ = 0;
};

// Closes a file descriptor when it goes out of scope (unless released).
struct FdCloser {
  int fd;
  ~FdCloser() {
    if (fd >= 0) ::close(fd);
  }
  int release() { return std::exchange(fd, -1); }
};

// Runs `write` into `fd` and flushes. Returns the errno of the failure, or 0. An exception
// from `write` propagates (the caller cleans up).
int write_through(int fd, const std::function<void(std::ostream&)>& write) {
  FdBuffer buffer(fd);
  std::ostream stream(&buffer);
  write(stream);
  stream.flush();
  if (buffer.error() != 0) return buffer.error();
  return stream ? 0 : EIO;
}

std::string failure(const fs::path& path, int error) {
  return path.string() + ": cannot write file (" + std::strerror(error) + ")";
}

}  // namespace

struct StagedFile::Pending {
  explicit Pending(const fs::path& p) : guard(p) {}
  PendingTemporary guard;
};

StagedFile::StagedFile() = default;

StagedFile::~StagedFile() {
  if (!tmp_.empty()) ::unlink(tmp_.c_str());
}

std::optional<std::string> StagedFile::stage(const fs::path& path,
                                             const std::function<void(std::ostream&)>& write) {
  path_ = path;
  OutputTarget target;
  if (auto problem = resolve_output(path, target)) {
    return path.string() + ": cannot write file: " + *problem;
  }
  target_ = target.file;
  if (target.kind == OutputKind::InPlace) {
    FdCloser fd{::open(target.file.c_str(), O_WRONLY | O_APPEND | O_NOCTTY | O_CLOEXEC)};
    if (fd.fd < 0) return failure(path, errno);
    int error = write_through(fd.fd, write);
    if (::close(fd.release()) != 0 && error == 0) error = errno;
    if (error != 0) return failure(path, error);
    return std::nullopt;
  }
  const fs::path dir = target.file.has_parent_path() ? target.file.parent_path() : fs::path(".");
  const std::string name = target.file.filename().string();
  remove_stale_temporaries(dir, name);
  FdCloser fd{-1};
  for (int attempt = 0; attempt < 8 && fd.fd < 0; ++attempt) {
    const fs::path tmp = dir / temporary_name(name);
    pending_ = std::make_unique<Pending>(tmp);  // removed if the command is interrupted meanwhile
    fd.fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
    if (fd.fd >= 0) tmp_ = tmp;
    if (fd.fd < 0 && errno != EEXIST) break;
  }
  if (fd.fd < 0) {
    const int error = errno;
    pending_.reset();
    return failure(path, error);
  }
  int error = write_through(fd.fd, write);  // on a throw, the destructor removes tmp_
  if (error == 0 && ::fsync(fd.fd) != 0) error = errno;
  if (::close(fd.release()) != 0 && error == 0) error = errno;
  if (error != 0) {
    ::unlink(tmp_.c_str());
    tmp_.clear();
    pending_.reset();
    return failure(path, error);
  }
  return std::nullopt;
}

std::optional<std::string> StagedFile::commit() {
  if (tmp_.empty()) return std::nullopt;  // written in place
  if (::rename(tmp_.c_str(), target_.c_str()) != 0) {
    const int error = errno;
    ::unlink(tmp_.c_str());
    tmp_.clear();
    pending_.reset();
    return failure(path_, error);
  }
  tmp_.clear();
  pending_.reset();
  // The rename itself survives a crash once the folder is synced (best effort).
  const fs::path dir = target_.has_parent_path() ? target_.parent_path() : fs::path(".");
  FdCloser folder{::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC)};
  if (folder.fd >= 0) ::fsync(folder.fd);
  return std::nullopt;
}

std::optional<std::string> write_file_atomically(const fs::path& path,
                                                 const std::function<void(std::ostream&)>& write) {
  StagedFile file;
  if (auto error = file.stage(path, write)) return error;
  return file.commit();
}

}  // namespace ccsim
