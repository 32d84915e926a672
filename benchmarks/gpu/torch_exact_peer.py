"""The peer of KernelGen.GpuBenchmarks --exact: torch.matmul in float32 with TF32 off (cuBLAS), timed with CUDA events.

Prints one line per shape, "torch M K N microseconds TFLOP/s" (M rows x K in x N out), the format of the exact
benchmark's "exact" and "bitwise" lines: the median of 15 warm runs, each one matmul between two events.
"""
import statistics

import torch

torch.backends.cuda.matmul.allow_tf32 = False
torch.backends.cudnn.allow_tf32 = False
shapes = [(4096, 4096, 4096), (1024, 4096, 4096), (1024, 768, 768), (1, 4096, 4096)]
runs = 15
print(f"# PyTorch {torch.__version__} torch.matmul fp32 (TF32 off) on {torch.cuda.get_device_name()}")
print(f"# kind M K N us TFLOP/s (median of {runs} warm runs, CUDA events)")
for m, k, n in shapes:
    generator = torch.Generator(device="cuda").manual_seed(9)
    a = torch.rand(m, k, device="cuda", generator=generator) * 2 - 1
    b = torch.rand(k, n, device="cuda", generator=generator) * 0.1 - 0.05
    for _ in range(3):
        torch.matmul(a, b)
    torch.cuda.synchronize()
    times = []
    for _ in range(runs):
        start, end = torch.cuda.Event(enable_timing=True), torch.cuda.Event(enable_timing=True)
        start.record()
        torch.matmul(a, b)
        end.record()
        torch.cuda.synchronize()
        times.append(start.elapsed_time(end) * 1000)
    us = statistics.median(times)
    print(f"torch {m} {k} {n} {us:.1f} {2 * m * k * n / (us * 1e6):.2f}")
