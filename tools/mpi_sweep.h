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
  // Initialises MPI (threads: serialised calls). REQUIRES: mpirun_world_size() > 1.
  MpiSweep();
  ~MpiSweep();  // finalises MPI
  MpiSweep(const MpiSweep&) = delete;
  MpiSweep& operator=(const MpiSweep&) = delete;

  int rank() const;
  int size() const;

  // Collective. Every rank passes its own exit status; returns {the largest status over all
  // ranks, rank 0's status}.
  std::pair<int, int> agree(int status);

  // Rank 0: serves the other ranks until each has been told to stop and has sent the record
  // of every point it was given. `take` hands out the next point (nullopt: none left);
  // `on_record` receives a worker's record text (serialised with other calls of it made here).
  void serve(const std::function<std::optional<std::size_t>()>& take,
             const std::function<void(const std::string&)>& on_record);

  // Other ranks: asks rank 0 for a point (nullopt: stop), and sends a record to rank 0. Safe to
  // call from several threads.
  std::optional<std::size_t> request_point();
  void send_record(const std::string& record);

 private:
  struct State;
  std::unique_ptr<State> state_;
};

#endif

}  // namespace ccsim::cli
