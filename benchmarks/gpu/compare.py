"""Joins KernelGen.GpuBenchmarks and torch_matmul.py outputs into a markdown table with ratios."""
import sys


def read(path):
    rows, title = {}, ""
    for line in open(path):
        if line.startswith("# ") and not title:
            title = line[2:].strip()
        elif line.strip() and not line.startswith("#"):
            m, k, n, us, tflops = line.split()
            rows[(int(m), int(k), int(n))] = (float(us), float(tflops))
    return title, rows


ours_title, ours = read(sys.argv[1])
peer_title, peer = read(sys.argv[2])
print(f"- ours: {ours_title}\n- peer: {peer_title}\n")
print("| M×K×N | KernelGen µs | KernelGen TFLOP/s | cuBLAS µs | cuBLAS TFLOP/s | throughput ratio (ours/cuBLAS) |")
print("|---|---:|---:|---:|---:|---:|")
for shape, (us, tf) in ours.items():
    pus, ptf = peer.get(shape, (float("nan"), float("nan")))
    print(f"| {shape[0]}×{shape[1]}×{shape[2]} | {us:.1f} | {tf:.2f} | {pus:.1f} | {ptf:.2f} | {tf / ptf:.2f} |")
