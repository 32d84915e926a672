"""The GPU peer: torch.matmul in float32 with TF32 off (cuBLAS), timed with CUDA events.

Prints one line per shape: "M K N microseconds TFLOP/s", the same format as KernelGen.GpuBenchmarks.
"""
import torch

torch.backends.cuda.matmul.allow_tf32 = False
torch.backends.cudnn.allow_tf32 = False
shapes = [(1, 4096, 4096), (16, 1024, 64), (4800, 1024, 64), (1024, 768, 768),
          (1024, 768, 3072), (1024, 4096, 4096), (4096, 4096, 4096)]
print(f"# PyTorch {torch.__version__} torch.matmul fp32 (TF32 off) on {torch.cuda.get_device_name()}")
print("# M K N us TFLOP/s")
for m, k, n in shapes:
    a = torch.rand(m, k, device="cuda") * 2 - 1
    b = torch.rand(k, n, device="cuda") * 2 - 1
    for _ in range(3):
        torch.matmul(a, b)
    torch.cuda.synchronize()
    start, end = torch.cuda.Event(enable_timing=True), torch.cuda.Event(enable_timing=True)
    launches = 10
    while True:
        start.record()
        for _ in range(launches):
            torch.matmul(a, b)
        end.record()
        torch.cuda.synchronize()
        ms = start.elapsed_time(end)
        if ms > 500 or launches >= 100000:
            break
        launches *= 4
    us = ms * 1000 / launches
    print(f"{m} {k} {n} {us:.1f} {2 * m * k * n / (us * 1e6):.2f}")
