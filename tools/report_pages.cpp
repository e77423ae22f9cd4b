// The --report option.
#include "tools/report_pages.h"

#include <cctype>
#include <filesystem>

#include "tools/cli.h"
#include "tools/output_files.h"

namespace po = boost::program_options;
namespace fs = std::filesystem;

namespace ccsim::cli {

void add_report_option(po::options_description& desc, std::string& file) {
  desc.add_options()("report", po::value<std::string>(&file),
                     "also write an HTML report (charts and tables; self-contained, printable) "
                     "to FILE.html");
}

std::optional<std::string> report_path_error(const std::string& file) {
  if (file.empty()) return "--report: a file is required (FILE.html)";
  const fs::path path(file);
  std::string ext = path.extension().string();
  for (char& c : ext) c = char(std::tolower(static_cast<unsigned char>(c)));
  if (ext != ".html" && ext != ".htm") {
    return "--report: the file must end in .html or .htm (got " + file + ")";
  }
  return output_path_error("--report", file);
}

int emit_with_report(const CommonOptions& common, const std::string& content,
                     const std::string& report_file, const std::function<std::string()>& html,
                     std::ostream& out, std::ostream& err) {
  // The report is staged first and put in place only once the output is written, so a failure
  // of either leaves both paths as they were.
  StagedFile report;
  if (!report_file.empty()) {
    const std::string page = html();
    if (auto error = report.stage(report_file, [&](std::ostream& f) { f << page; })) {
      err << "error: --report: " << *error << "\n";
      return kExitFailure;
    }
  }
  const int code = emit(common, content, out, err);
  if (code != kExitOk || report_file.empty()) return code;
  if (auto error = report.commit()) {
    err << "error: --report: " << *error << "\n";
    return kExitFailure;
  }
  return kExitOk;
}

}  // namespace ccsim::cli
