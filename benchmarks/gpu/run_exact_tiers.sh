#!/usr/bin/env bash
# KG-Exact-1 on the GPU machine in one call: the exact tier's CPU tests on the Xeon host (AVX-VNNI where it has it),
# the SIMD child-process tests (with and without AVX-VNNI), the exact CUDA tests, and the MiniLM module in both
# arithmetic tiers on the H200 (KernelGen.GpuBenchmarks --minilm-tiers: GPU bits == CPU bits, times).
#   ../shared/tools/device-pack tests/KernelGen.Runtime.Tests/KernelGen.Runtime.Tests.csproj benchmarks/KernelGen.GpuBenchmarks/KernelGen.GpuBenchmarks.csproj
#   device tool: run, carry [".device-pack"], command "bash benchmarks/gpu/run_exact_tiers.sh" — writes to $OUT.
set -u
out=${OUT:-/tmp/exact-tiers-out}; mkdir -p "$out"
rm -rf .dp && mkdir -p .dp && tar -C .dp --strip-components=1 -xJf .device-pack/pack.tar.xz
export DOTNET_ROOT=$PWD/.dp/dotnet PATH=$PWD/.dp/dotnet:$PATH
tests=.dp/apps/KernelGen.Runtime.Tests/KernelGen.Runtime.Tests.dll
{ date -u; lscpu | grep -E 'Model name|^CPU\(s\)'; echo "vnni flags: $(grep -o -w -E 'avx_vnni|avx512_vnni' /proc/cpuinfo | sort -u | tr '\n' ' ')"; nvidia-smi --query-gpu=name,driver_version --format=csv,noheader; } > "$out/machine.txt" 2>&1
timeout -k 5 "${TEST_SECONDS:-330}" dotnet $tests -class "*ExactCpuTests" -class "*ExactRoundingTests" -class "*ExactCpuAcceleratorTests" \
  -class "*ExactCudaTests" -class "*ExactTensorCoreCudaTests" -class "*ExactTensorCorePtxTests" -class "*ExactResidualStackTests" \
  -class "*SimdWidthTests" -reporter verbose > "$out/exact-tests.txt" 2>&1; echo "tests rc $?" >> "$out/machine.txt"
timeout -k 5 "${TIERS_SECONDS:-200}" dotnet .dp/apps/KernelGen.GpuBenchmarks/KernelGen.GpuBenchmarks.dll --minilm-tiers > "$out/minilm-tiers.txt" 2>&1; echo "tiers rc $?" >> "$out/machine.txt"
cat "$out/machine.txt"; grep -E "FAIL|SKIP|Total:" "$out/exact-tests.txt" | head -30; cat "$out/minilm-tiers.txt"
