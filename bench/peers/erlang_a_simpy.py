#!/usr/bin/python3
"""The Erlang-A benchmark queue in SimPy 3 (Debian's python3-simpy3), for a side-by-side
with ccsim: Poisson arrivals at LAMBDA per second, exponential handle times (mean AHT_S),
exponential patience (mean PATIENCE_S), AGENTS agents, FIFO. Written as an efficient SimPy
model would be: a caller answered at once starts no patience timer (in this queue most are).

Usage: erlang_a_simpy.py HORIZON_S [SEED] [WARMUP_S]
Prints one JSON object: customers simulated, wall seconds, customers per second, and the KPIs
(abandon_rate, asa_s of answered calls, service_level within 20 s over answered + abandoned)
of customers arriving after WARMUP_S, each with a 95% confidence half-width by batch means
(BATCHES batches of arrival time after the warm-up; t quantile for 9 degrees of freedom).
"""
import math
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
BATCHES = 10
T_975_9 = 2.2621571627409915


def main():
    horizon = float(sys.argv[1])
    seed = int(sys.argv[2]) if len(sys.argv) > 2 else 1
    warmup = float(sys.argv[3]) if len(sys.argv) > 3 else 0.0
    rng = random.Random(seed)
    env = simpy.Environment()
    agents = simpy.Resource(env, capacity=AGENTS)
    stats = {"customers": 0}
    batches = [{"answered": 0, "abandoned": 0, "wait_sum": 0.0, "within": 0}
               for _ in range(BATCHES)]
    batch_length = (horizon - warmup) / BATCHES

    def customer(env, batch):
        arrival = env.now
        with agents.request() as request:
            # A free agent grants the request at once: no patience timer is started (and no
            # patience drawn) for a caller who never waits.
            if not request.triggered:
                patience = rng.expovariate(1.0 / PATIENCE_S)
                result = yield request | env.timeout(patience)
                if request not in result:
                    if batch is not None:
                        batch["abandoned"] += 1
                    return
            wait = env.now - arrival
            if batch is not None:
                batch["answered"] += 1
                batch["wait_sum"] += wait
                if wait <= THRESHOLD_S:
                    batch["within"] += 1
            yield env.timeout(rng.expovariate(1.0 / AHT_S))

    def arrivals(env):
        while True:
            yield env.timeout(rng.expovariate(LAMBDA))
            if env.now >= horizon:
                return
            stats["customers"] += 1
            batch = None
            if env.now >= warmup:
                batch = batches[min(BATCHES - 1, int((env.now - warmup) / batch_length))]
            env.process(customer(env, batch))

    env.process(arrivals(env))
    start = time.perf_counter()
    env.run()
    wall = time.perf_counter() - start
    def estimate(values):
        mean = sum(values) / len(values)
        var = sum((v - mean) ** 2 for v in values) / (len(values) - 1)
        return {"mean": mean, "ci95": T_975_9 * math.sqrt(var / len(values))}

    closed = [b["answered"] + b["abandoned"] for b in batches]
    print(json.dumps({
        "simulator": "simpy " + simpy.__version__,
        "customers": stats["customers"],
        "wall_s": wall,
        "customers_per_s": stats["customers"] / wall,
        "abandon_rate": estimate([b["abandoned"] / n for b, n in zip(batches, closed)]),
        "asa_s": estimate([b["wait_sum"] / b["answered"] for b in batches]),
        "service_level": estimate([b["within"] / n for b, n in zip(batches, closed)]),
    }))


if __name__ == "__main__":
    main()
