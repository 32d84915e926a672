#!/usr/bin/env bash
# The second call (benchmarks/RESULTS.md): the Linear shapes against cuBLAS (KernelGen.GpuBenchmarks, then
# torch_matmul.py) and the host CPU's scaling (KernelGen.Benchmarks --scaling and PyTorch CPU at 1-16 threads).
# Reuses /tmp/kg-dp from run_end_to_end.sh when the machine stayed warm; otherwise unpacks .device-pack.
set -u
out=${OUT:-/tmp/mm-out}; mkdir -p "$out"
if [ ! -d /tmp/kg-dp/apps ]; then
  mkdir -p /tmp/kg-dp && tar -C /tmp/kg-dp --strip-components=1 -xJf .device-pack/pack.tar.xz
fi
ln -sfn /tmp/kg-dp .dp
# KernelGen.Benchmarks travels in this call's carried folder (.gpu-se2) beside the next part of the pack.
[ -f .gpu-se2/bench.tar.xz ] && tar -C /tmp/kg-dp/apps -xJf .gpu-se2/bench.tar.xz
mkdir -p /tmp/kg-parts && cp .gpu-se2/se.part.* /tmp/kg-parts/ 2>/dev/null
export DOTNET_ROOT=/tmp/kg-dp/dotnet PATH=/tmp/kg-dp/dotnet:$PATH:/usr/local/cuda/bin
date -u > "$out/machine.txt"
timeout 120 dotnet .dp/apps/KernelGen.GpuBenchmarks/KernelGen.GpuBenchmarks.dll > "$out/matmul-ours.txt" 2>&1; echo "matmul rc $?" >> "$out/machine.txt"
timeout 40 python3 benchmarks/gpu/torch_matmul.py > "$out/matmul-torch.txt" 2>&1; echo "torch matmul rc $?" >> "$out/machine.txt"
python3 benchmarks/gpu/compare.py "$out/matmul-ours.txt" "$out/matmul-torch.txt" > "$out/matmul-table.md" 2>&1
cat "$out/matmul-table.md"
DOTNET_TieredCompilation=0 timeout 200 dotnet .dp/apps/KernelGen.Benchmarks/KernelGen.Benchmarks.dll --scaling --models stack,encoder --threads 1,2,4,8,16 --passes 3 --json "$out/scaling.json" > "$out/scaling.txt" 2>&1; echo "scaling rc $?" >> "$out/machine.txt"
timeout 150 python3 benchmarks/cpu/torch_cpu_models.py --threads 1,2,4,8,16 --passes 3 --models stack,encoder --json "$out/torch_cpu_models.json" > "$out/torch-cpu.txt" 2>&1; echo "torch cpu rc $?" >> "$out/machine.txt"
cat "$out/machine.txt" "$out/scaling.txt" | tail -30; tail -25 "$out/torch-cpu.txt"
