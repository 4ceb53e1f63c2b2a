#!/usr/bin/env python3
"""A random agent in Python over recsim.interest_evolution through rlrec.make: env steps/s, and
what one step call costs in Python on top of the simulator.

    PYTHONPATH=build/lib/rlrec/python /usr/bin/python3 bench/python_env_bench.py [--num-envs 256]

Four loops of the same length, best of --repeats each:

  random agent    VectorEnv.step(action_space.sample()): the figure users get;
  fixed actions   VectorEnv.step(one precomputed batch of slates): the wrapper without sampling;
  raw vtable      the plugin's step through its vtable with ctypes, preallocated buffers, and
                  the same ended-sub-env resets done the cheapest way: the simulator's own cost
                  plus one ctypes call;
  empty call      a ctypes call of a C function that does nothing: the floor of a foreign call.

per-call overhead = (fixed actions - raw vtable) per call: what the wrapper adds to a step.
"""

import argparse
import ctypes
import time

import numpy

import rlrec
from rlrec import _abi


def best_rate(loop, calls, repeats, rows):
    """(steps/s, us per call) of the fastest of ``repeats`` runs of ``loop(calls)``."""
    best = float("inf")
    for _ in range(repeats):
        start = time.perf_counter()
        loop(calls)
        best = min(best, time.perf_counter() - start)
    return calls * rows / best, best / calls * 1e6


def wrapper_loop(env, fixed):
    def loop(calls):
        step, sample = env.step, env.action_space.sample
        for _ in range(calls):
            step(fixed if fixed is not None else sample())
    return loop


def raw_loop(env, actions):
    """The plugin's step and the resets of ended sub-envs, straight through the vtable."""
    core = env._core
    batch, scratch = core.batch, core._scratch
    core._actions.data = actions.ctypes.data
    ids = numpy.zeros(env.num_envs, numpy.uint32)
    seeds = numpy.arange(env.num_envs, dtype=numpy.uint64)
    ids_ptr = ids.ctypes.data_as(ctypes.POINTER(ctypes.c_uint32))
    seeds_ptr = seeds.ctypes.data_as(ctypes.POINTER(ctypes.c_uint64))
    scratch_out = ctypes.pointer(scratch.output)
    flags = batch.terminated.array

    def loop(calls):
        step, reset, handle = core._step_fn, core._reset_fn, core._handle
        actions_ptr, out = core._actions_ptr, core._out
        for _ in range(calls):
            if step(handle, actions_ptr, out) != _abi.OK:
                raise RuntimeError("step failed")
            ended = numpy.flatnonzero(flags)
            if len(ended):
                ids[:len(ended)] = ended
                scratch.use_rows(len(ended))
                reset(handle, len(ended), ids_ptr, seeds_ptr, scratch_out)
    return loop


def empty_call_loop():
    lib = rlrec._library.engine_library()
    # rlrec_engine_interrupt(NULL) returns at once: a foreign call that does no work.
    interrupt = lib.rlrec_engine_interrupt

    def loop(calls):
        for _ in range(calls):
            interrupt(None)
    return loop


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--num-envs", type=int, default=256)
    parser.add_argument("--calls", type=int, default=4000)
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--env", default="recsim.interest_evolution")
    args = parser.parse_args()

    env = rlrec.make(args.env, num_envs=args.num_envs)
    env.reset(seed=0)
    env.action_space.seed(0)
    fixed = numpy.ascontiguousarray(env.action_space.sample())
    rows = args.num_envs
    results = {
        "random agent": best_rate(wrapper_loop(env, None), args.calls, args.repeats, rows),
        "fixed actions": best_rate(wrapper_loop(env, fixed), args.calls, args.repeats, rows),
        "raw vtable": best_rate(raw_loop(env, fixed), args.calls, args.repeats, rows),
        "empty call": best_rate(empty_call_loop(), args.calls * 10, args.repeats, 1),
    }
    env.close()
    print("%s, num_envs=%d, %d calls, best of %d (numpy %s, rlrec %s)"
          % (args.env, rows, args.calls, args.repeats, numpy.__version__, rlrec.engine_version()))
    for name, (rate, micros) in results.items():
        unit = "calls/s" if name == "empty call" else "env steps/s"
        print("  %-14s %12.0f %-11s %8.2f us/call" % (name, rate, unit, micros))
    overhead = results["fixed actions"][1] - results["raw vtable"][1]
    print("  per-call overhead of the wrapper: %.1f us (%.2f us per env step)"
          % (overhead, overhead / rows))


if __name__ == "__main__":
    main()
