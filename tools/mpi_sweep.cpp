#include "tools/mpi_sweep.h"

#include <chrono>
#include <cstdlib>
#include <thread>

#ifdef CCSIM_WITH_MPI
#include <algorithm>
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
constexpr int kTagAssign = 2;   // 0 → worker: a point index, or -1: none left
constexpr int kTagRecord = 3;   // worker → 0: a finished point's record
constexpr int kTagDone = 4;     // worker → 0: every record sent, no request in flight

// When every rank runs on this node and the user chose no point-to-point layer (mpirun --mca pml
// X sets OMPI_MCA_pml), picks ob1, whose shared-memory transport is what one node uses anyway:
// left to choose, Open MPI 4.1 first probes the cm layer's network drivers (PSM, PSM2, OFI),
// which adds 0.2 s to the start-up of every rank and gains nothing without such a network.
// Returns whether it chose. Must run before MPI is initialised.
bool choose_transport() {
  if (mpirun_local_size() != mpirun_world_size() || std::getenv("OMPI_MCA_pml")) return false;
  return ::setenv("OMPI_MCA_pml", "ob1", 0) == 0;
}
}  // namespace

struct MpiSweep::State {
  bool chose_transport = choose_transport();  // before env: read by MPI_Init
  mpi::environment env{mpi::threading::serialized, true};
  mpi::communicator world;
  std::mutex mutex;  // serialises this rank's MPI calls and the fields below
  unsigned ahead = 1;
  unsigned in_flight = 0;  // requests sent whose reply has not been received
  bool stopped = false;    // a reply said no point is left
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
  int done = 0;
  std::size_t assigned = 0, received = 0;
  // Polls with a sleep that doubles while nothing arrives (up to 2 ms), not a blocking receive:
  // Open MPI's spins, and this rank's own workers need the core. The workers' requests ahead
  // hide the latency.
  auto nap = std::chrono::microseconds(50);
  while (done < world.size() - 1 || received < assigned) {
    const auto status = world.iprobe(mpi::any_source, mpi::any_tag);
    if (!status) {
      std::this_thread::sleep_for(nap);
      nap = std::min(2 * nap, std::chrono::microseconds(2000));
      continue;
    }
    nap = std::chrono::microseconds(50);
    int dummy = 0;
    switch (status->tag()) {
      case kTagRequest: {
        world.recv(status->source(), kTagRequest, dummy);
        const std::optional<std::size_t> p = take();
        const long long v = p ? static_cast<long long>(*p) : -1;
        world.send(status->source(), kTagAssign, v);
        if (p) ++assigned;
        break;
      }
      case kTagRecord: {
        std::string record;
        world.recv(status->source(), kTagRecord, record);
        ++received;
        on_record(record);
        break;
      }
      default:
        world.recv(status->source(), kTagDone, dummy);
        ++done;
    }
  }
}

void MpiSweep::start_worker(unsigned ahead) {
  std::lock_guard<std::mutex> lock(state_->mutex);
  state_->ahead = std::max(1u, ahead);
}

std::optional<std::size_t> MpiSweep::request_point() {
  State& s = *state_;
  std::lock_guard<std::mutex> lock(s.mutex);
  if (s.stopped) return std::nullopt;
  for (; s.in_flight < s.ahead; ++s.in_flight) s.world.send(0, kTagRequest, 0);
  long long v = -1;
  s.world.recv(0, kTagAssign, v);  // replies come in request order (MPI non-overtaking)
  --s.in_flight;
  if (v < 0) {
    s.stopped = true;  // `take` stays empty, so the replies still in flight are -1 too
    return std::nullopt;
  }
  s.world.send(0, kTagRequest, 0);  // replaces the request just answered
  ++s.in_flight;
  return static_cast<std::size_t>(v);
}

void MpiSweep::send_record(const std::string& record) {
  std::lock_guard<std::mutex> lock(state_->mutex);
  state_->world.send(0, kTagRecord, record);
}

void MpiSweep::finish_worker() {
  State& s = *state_;
  std::lock_guard<std::mutex> lock(s.mutex);
  for (; s.in_flight > 0; --s.in_flight) {
    long long v = -1;
    s.world.recv(0, kTagAssign, v);
  }
  s.world.send(0, kTagDone, 0);
}

void MpiSweep::abort(int code) {
  state_->env.abort(code);
  std::_Exit(code);  // MPI_Abort returns only if the MPI library cannot abort
}

#endif

}  // namespace ccsim::cli
