// Sweep points spread over MPI ranks (`mpirun -np N ccsim sweep ...`). Rank 0 hands out one
// point at a time to whichever rank asks, so a slow point never holds up the others, and
// receives every finished point's record; only rank 0 writes output.
//
// MPI is initialised only when the process was started by Open MPI's mpirun with more than one
// rank (OMPI_COMM_WORLD_SIZE > 1); a plain `ccsim` never touches MPI.
#pragma once

#include <cstddef>
#include <functional>
#include <memory>
#include <optional>
#include <string>

namespace ccsim::cli {

// The number of ranks mpirun started (OMPI_COMM_WORLD_SIZE), or 1 when not under mpirun.
int mpirun_world_size();
// The number of ranks mpirun started on this node (OMPI_COMM_WORLD_LOCAL_SIZE), at least 1.
int mpirun_local_size();

#ifdef CCSIM_WITH_MPI

class MpiSweep {
 public:
  // Initialises MPI (threads: serialised calls). When every rank is on this node and the user
  // chose no point-to-point layer, picks Open MPI's ob1 first (OMPI_MCA_pml=ob1): it skips the
  // 0.2 s probe of network drivers that one node has no use for.
  // REQUIRES: mpirun_world_size() > 1.
  MpiSweep();
  ~MpiSweep();  // finalises MPI
  MpiSweep(const MpiSweep&) = delete;
  MpiSweep& operator=(const MpiSweep&) = delete;

  int rank() const;
  int size() const;

  // Collective. Every rank passes its own exit status; returns {the largest status over all
  // ranks, rank 0's status}.
  std::pair<int, int> agree(int status);

  // Rank 0: serves the other ranks until each has said it is done (finish_worker), which it
  // does after sending the record of every point it was given. `take` hands out the next point
  // (nullopt: none left; REQUIRES: once nullopt, always nullopt); `on_record` receives a
  // worker's record text (serialised with other calls of it made here).
  void serve(const std::function<std::optional<std::size_t>()>& take,
             const std::function<void(const std::string&)>& on_record);

  // Other ranks. `start_worker(ahead)` first: this rank then keeps `ahead` (>= 1) requests for
  // points in flight, so that when one of its threads finishes a point the next is already
  // here and rank 0's reply latency (its dispatcher shares a core with its own workers) never
  // idles the rank. request_point returns the next point (nullopt: stop, then always nullopt);
  // send_record sends a finished point's record. Both are safe to call from several threads.
  // finish_worker, once, after the last record: drains the replies still in flight and tells
  // rank 0 this rank is done.
  void start_worker(unsigned ahead);
  std::optional<std::size_t> request_point();
  void send_record(const std::string& record);
  void finish_worker();

  // Ends every rank of the job at once with exit status `code` (MPI_Abort): for a failure after
  // the ranks have started exchanging points, where returning would leave the others waiting
  // for ever. Does not return.
  [[noreturn]] void abort(int code);

 private:
  struct State;
  std::unique_ptr<State> state_;
};

#endif

}  // namespace ccsim::cli
