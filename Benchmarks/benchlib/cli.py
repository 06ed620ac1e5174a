"""End-to-end process times of the krtplan CLI (launch to exit), wall and CPU (user + sys)."""
import os
import subprocess
import time


def time_process(argv):
    """Runs argv with stdout/stderr discarded; returns (wall s, cpu s, exit code)."""
    start = time.perf_counter()
    with open(os.devnull, "wb") as null:
        process = subprocess.Popen(argv, stdout=null, stderr=null)
        _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    return wall, usage.ru_utime + usage.ru_stime, process.returncode


def repeated(argv, min_runs, max_runs, budget, warmup=True):
    """At least min_runs, at most max_runs, stopping once budget wall seconds are spent."""
    if warmup:
        time_process(argv)
    samples, codes = [], set()
    start = time.perf_counter()
    while len(samples) < max_runs and (len(samples) < min_runs or time.perf_counter() - start < budget):
        wall, cpu, code = time_process(argv)
        samples.append((wall, cpu))
        codes.add(code)
    return samples, sorted(codes)
