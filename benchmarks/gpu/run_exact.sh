#!/usr/bin/env bash
# The exact tier on the GPU in one call on the GPU machine: KernelGen.GpuBenchmarks --exact (the KG-Exact-1 GPU Linear,
# products on the int8 tensor cores, against the KG-Bitwise-1 GPU Linear; exact GPU bits checked against the exact
# CPU's), then torch.matmul fp32 with TF32 off at the same shapes (torch_exact_peer.py).
# Usage (repository root, .device-pack carried): bash benchmarks/gpu/run_exact.sh  — writes to $OUT.
#   EXACT_ARGS=--exact-check-all also checks the bits of the 1024x4096x4096 and 4096x4096x4096 shapes (slow CPU pass).
set -u
out=${OUT:-/tmp/exact-out}; mkdir -p "$out"
if [ ! -d .dp/apps ]; then
  rm -rf .dp && mkdir -p .dp && tar -C .dp --strip-components=1 -xJf .device-pack/pack.tar.xz
fi
export DOTNET_ROOT=$PWD/.dp/dotnet PATH=$PWD/.dp/dotnet:$PATH
bench=.dp/apps/KernelGen.GpuBenchmarks/KernelGen.GpuBenchmarks.dll
{ date -u; nvidia-smi --query-gpu=name,driver_version,clocks.max.sm --format=csv; } > "$out/machine.txt" 2>&1
timeout -k 5 "${EXACT_SECONDS:-400}" dotnet "$bench" --exact ${EXACT_ARGS:-} > "$out/exact-ours.txt" 2> "$out/exact-ours-stderr.txt"; echo "ours rc $?" >> "$out/machine.txt"
timeout -k 5 "${TORCH_SECONDS:-120}" python3 -u benchmarks/gpu/torch_exact_peer.py > "$out/exact-torch.txt" 2> "$out/exact-torch-stderr.txt"; echo "torch rc $?" >> "$out/machine.txt"
cat "$out/machine.txt" "$out/exact-ours.txt" "$out/exact-torch.txt"; tail -5 "$out/exact-ours-stderr.txt"
