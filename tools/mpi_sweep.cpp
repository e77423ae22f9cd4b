#include "tools/mpi_sweep.h"

#include <chrono>
#include <cstdlib>
#include <thread>

#ifdef CCSIM_WITH_MPI
#include <boost/mpi/collectives.hpp>
#include <boost/mpi/communicator.hpp>
#include <boost/mpi/environment.hpp>
#include <boost/serialization/string.hpp>
#include <mutex>
#endif

namespace ccsim::cli {

namespace {

int env_int(const char* name, int fallback) {
  const char* v = std::getenv(name);
  if (!v || !*v) return fallback;
  char* end = nullptr;
  const long n = std::strtol(v, &end, 10);
  return end && *end == '\0' && n >= 1 ? int(n) : fallback;
}

}  // namespace

int mpirun_world_size() {
  return env_int("OMPI_COMM_WORLD_SIZE", 1);
}
int mpirun_local_size() {
  return env_int("OMPI_COMM_WORLD_LOCAL_SIZE", 1);
}

#ifdef CCSIM_WITH_MPI

namespace mpi = boost::mpi;

namespace {
constexpr int kTagRequest = 1;  // worker → 0: give me a point
constexpr int kTagAssign = 2;   // 0 → worker: a point index, or -1: stop
constexpr int kTagRecord = 3;   // worker → 0: a finished point's record
}  // namespace

struct MpiSweep::State {
  mpi::environment env{mpi::threading::serialized, true};
  mpi::communicator world;
  std::mutex mutex;  // serialises this rank's MPI calls
};

MpiSweep::MpiSweep() : state_(std::make_unique<State>()) {}
MpiSweep::~MpiSweep() = default;

int MpiSweep::rank() const {
  return state_->world.rank();
}
int MpiSweep::size() const {
  return state_->world.size();
}

std::pair<int, int> MpiSweep::agree(int status) {
  int worst = 0;
  mpi::all_reduce(state_->world, status, worst, mpi::maximum<int>());
  int root = status;
  mpi::broadcast(state_->world, root, 0);
  return {worst, root};
}

void MpiSweep::serve(const std::function<std::optional<std::size_t>()>& take,
                     const std::function<void(const std::string&)>& on_record) {
  mpi::communicator& world = state_->world;
  int stopped = 0;
  std::size_t assigned = 0, received = 0;
  while (stopped < world.size() - 1 || received < assigned) {
    const auto status = world.iprobe(mpi::any_source, mpi::any_tag);
    if (!status) {
      std::this_thread::sleep_for(std::chrono::microseconds(200));
      continue;
    }
    if (status->tag() == kTagRequest) {
      int dummy = 0;
      world.recv(status->source(), kTagRequest, dummy);
      const std::optional<std::size_t> p = take();
      const long long v = p ? static_cast<long long>(*p) : -1;
      world.send(status->source(), kTagAssign, v);
      if (p) {
        ++assigned;
      } else {
        ++stopped;
      }
    } else {
      std::string record;
      world.recv(status->source(), kTagRecord, record);
      ++received;
      on_record(record);
    }
  }
}

std::optional<std::size_t> MpiSweep::request_point() {
  std::lock_guard<std::mutex> lock(state_->mutex);
  state_->world.send(0, kTagRequest, 0);
  long long v = -1;
  state_->world.recv(0, kTagAssign, v);
  if (v < 0) return std::nullopt;
  return static_cast<std::size_t>(v);
}

void MpiSweep::send_record(const std::string& record) {
  std::lock_guard<std::mutex> lock(state_->mutex);
  state_->world.send(0, kTagRecord, record);
}

#endif

}  // namespace ccsim::cli
