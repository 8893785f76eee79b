"""Per-call cost of tiny ops from Python on Debian's libtorch; mirrors DslAe.Bench's loop.
Usage: percall.py [iterations per repeat] [repeats]. Prints "<op> <microseconds per call>"."""
import sys
import time

import torch

iterations = int(sys.argv[1]) if len(sys.argv) > 1 else 200_000
repeats = int(sys.argv[2]) if len(sys.argv) > 2 else 7
torch.set_num_threads(1)
x = torch.ones(1)
y = torch.ones(1)
relu = torch.relu


def report(name, op):
    for _ in range(iterations // 10):
        op()
    samples = []
    for _ in range(repeats):
        start = time.perf_counter()
        for _ in range(iterations):
            op()
        samples.append((time.perf_counter() - start) * 1e6 / iterations)
    samples.sort()
    print(f"{name} {samples[repeats // 2]:.3f}")


report("relu", lambda: relu(x))
report("add", lambda: x + y)
report("mul_scalar", lambda: x * 2.0)
