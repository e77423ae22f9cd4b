#!/usr/bin/python3
"""The Erlang-A benchmark queue in SimPy 3 (Debian's python3-simpy3), for a side-by-side
with ccsim: Poisson arrivals at LAMBDA per second, exponential handle times (mean AHT_S),
exponential patience (mean PATIENCE_S), AGENTS agents, FIFO.

Usage: erlang_a_simpy.py HORIZON_S [SEED] [WARMUP_S]
Prints one JSON object: customers simulated, wall seconds, customers per second, and the KPIs
(abandon_rate, asa_s of answered calls, service_level within 20 s over answered + abandoned)
of customers arriving after WARMUP_S.
"""
import json
import random
import sys
import time

import simpy

LAMBDA = 1.0
AHT_S = 180.0
PATIENCE_S = 300.0
AGENTS = 190
THRESHOLD_S = 20.0


def main():
    horizon = float(sys.argv[1])
    seed = int(sys.argv[2]) if len(sys.argv) > 2 else 1
    warmup = float(sys.argv[3]) if len(sys.argv) > 3 else 0.0
    rng = random.Random(seed)
    env = simpy.Environment()
    agents = simpy.Resource(env, capacity=AGENTS)
    stats = {"customers": 0, "answered": 0, "abandoned": 0, "wait_sum": 0.0, "within": 0}

    def customer(env, counted):
        arrival = env.now
        patience = rng.expovariate(1.0 / PATIENCE_S)
        with agents.request() as request:
            result = yield request | env.timeout(patience)
            if request in result:
                wait = env.now - arrival
                if counted:
                    stats["answered"] += 1
                    stats["wait_sum"] += wait
                    if wait <= THRESHOLD_S:
                        stats["within"] += 1
                yield env.timeout(rng.expovariate(1.0 / AHT_S))
            elif counted:
                stats["abandoned"] += 1

    def arrivals(env):
        while True:
            yield env.timeout(rng.expovariate(LAMBDA))
            if env.now >= horizon:
                return
            stats["customers"] += 1
            env.process(customer(env, env.now >= warmup))

    env.process(arrivals(env))
    start = time.perf_counter()
    env.run()
    wall = time.perf_counter() - start
    closed = stats["answered"] + stats["abandoned"]
    print(json.dumps({
        "simulator": "simpy " + simpy.__version__,
        "customers": stats["customers"],
        "wall_s": wall,
        "customers_per_s": stats["customers"] / wall,
        "abandon_rate": stats["abandoned"] / closed,
        "asa_s": stats["wait_sum"] / stats["answered"],
        "service_level": stats["within"] / closed,
    }))


if __name__ == "__main__":
    main()
