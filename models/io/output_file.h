// Output files written crash-safely, shared by every ccsim command and the resumable sweep file
// (it lives in models/ so that models/studies/sweep.cpp can use it; a later redesign may move it).
//
// What an output path names decides how it is written:
//  - nothing yet, or a regular file: the content goes to a temporary file in the same folder,
//    which is flushed, synced and renamed over the path, so the path holds the old content or
//    the new, whole, never a part;
//  - a symbolic link: followed (through any chain of links) to the file it names, which is
//    replaced as above with the temporary file beside it; the link itself is kept;
//  - a character device or a FIFO (/dev/null, /dev/full, a named pipe): opened and written in
//    place, never renamed over;
//  - a directory, a block device or a socket: refused.
// Every failure names its reason (the system's, e.g. "No space left on device").
//
// Temporary files are named ".PREFIX.ccsim-TARGET-HOST-PID-RANDOM.tmp": PREFIX is the start of
// the target's name (at most 64 bytes), TARGET a hash of its whole name, HOST a hash of the
// machine's name and PID the writing process, so a name stays under 140 bytes however long the
// target's. SIGINT, SIGTERM or SIGHUP while writing removes the temporary file before the
// signal's default action; SIGKILL cannot, so each write first removes the temporary files of
// the same target left by processes of this machine that no longer exist, and nothing else.
#pragma once

#include <sys/types.h>

#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <ostream>
#include <string>

namespace ccsim {

// How an output path is written.
enum class OutputKind {
  NewFile,      // nothing there yet: a temporary file is renamed into place
  ReplaceFile,  // a regular file: a temporary file is renamed over it
  InPlace,      // a character device or a FIFO: written directly
};

// An output path resolved: `file` is the path after following symbolic links (the file that is
// replaced, or the device written), `kind` how it is written.
struct OutputTarget {
  std::filesystem::path file;
  OutputKind kind = OutputKind::NewFile;
};

// Resolves `path` as an output. Returns the problem as a sentence naming the path ("x is a
// directory", "folder d does not exist (got d/x)", "folder d is not writable (got d/x)",
// "x is a block device", ...) or nullopt with `target` set. Looks only: creates nothing.
std::optional<std::string> resolve_output(const std::filesystem::path& path, OutputTarget& target);

// Which file a path names, compared by identity rather than spelling: the device and inode
// after following links, or for a file that does not exist yet, its folder's device and inode
// and its name. Two paths name the same file iff their identities are equal.
struct FileIdentity {
  dev_t device = 0;
  ino_t inode = 0;
  std::string name;  // empty when the file exists
  bool operator==(const FileIdentity&) const = default;
};
// The identity of `path`; nullopt when neither it nor its folder exists.
std::optional<FileIdentity> file_identity(const std::filesystem::path& path);

// Writes `path` as the file comment above says. Returns an error message naming the path and
// the reason, or nullopt on success. On any failure (an exception from `write` included, which
// is rethrown) no temporary file is left behind and an existing file at `path` is untouched.
std::optional<std::string> write_file_atomically(const std::filesystem::path& path,
                                                 const std::function<void(std::ostream&)>& write);

// The two halves of write_file_atomically, for a command that writes several files and wants
// none of them replaced unless every one was written: stage() writes and syncs the temporary
// file, commit() renames it over the path's target. A staged file not committed is removed when
// this object is destroyed (or on SIGINT, SIGTERM, SIGHUP), and an existing file at the path is
// left untouched. A device or FIFO has nothing to stage: stage() writes it, commit() does
// nothing. Both return an error message, or nullopt on success; an exception from `write` is
// rethrown. REQUIRES: commit() only after a successful stage(), at most once.
class StagedFile {
 public:
  StagedFile();
  ~StagedFile();
  StagedFile(const StagedFile&) = delete;
  StagedFile& operator=(const StagedFile&) = delete;
  std::optional<std::string> stage(const std::filesystem::path& path,
                                   const std::function<void(std::ostream&)>& write);
  std::optional<std::string> commit();

 private:
  struct Pending;
  std::filesystem::path path_;  // as given, for messages
  std::filesystem::path target_, tmp_;
  std::unique_ptr<Pending> pending_;
};

// The name of a temporary file of this process for the target file named `target_name`
// (see the file comment). Exposed for tests.
std::string temporary_name(const std::string& target_name);

}  // namespace ccsim
