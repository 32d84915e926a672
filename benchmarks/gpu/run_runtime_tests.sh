#!/usr/bin/env bash
# The whole runtime test project on the GPU machine (the H200 for the CUDA tests, its AVX-512 Xeon host for the
# Vector512 CPU kernels and the SIMD child-process tests), then the all-inputs proof of vector DetMath functions
# on every width the Xeon runs (default: gelu; set FUNCTIONS=gelu,gelutanh,... to choose), in one call:
#   ../shared/tools/device-pack tests/KernelGen.Runtime.Tests/KernelGen.Runtime.Tests.csproj tools/KernelGen.DetMathExhaustive/KernelGen.DetMathExhaustive.csproj
#   device tool: run, carry [".device-pack"], command "bash benchmarks/gpu/run_runtime_tests.sh" — writes to $OUT.
set -u
out=${OUT:-/tmp/runtime-tests-out}; mkdir -p "$out"
rm -rf .dp && mkdir -p .dp && tar -C .dp --strip-components=1 -xJf .device-pack/pack.tar.xz
export DOTNET_ROOT=$PWD/.dp/dotnet PATH=$PWD/.dp/dotnet:$PATH
{ date -u; git log -1 --format='%h %s' 2>/dev/null | cut -c1-120; lscpu | grep -E 'Model name|^CPU\(s\)'; nvidia-smi --query-gpu=name,driver_version --format=csv,noheader; } > "$out/machine.txt" 2>&1
timeout -k 5 "${TEST_SECONDS:-420}" dotnet .dp/apps/KernelGen.Runtime.Tests/KernelGen.Runtime.Tests.dll -parallel all > "$out/runtime-tests.txt" 2>&1; echo "tests rc $?" >> "$out/machine.txt"
timeout -k 5 "${PROOF_SECONDS:-120}" dotnet .dp/apps/KernelGen.DetMathExhaustive/KernelGen.DetMathExhaustive.dll --vector --functions "${FUNCTIONS:-gelu}" > "$out/vector-proof.txt" 2>&1; echo "proof rc $?" >> "$out/machine.txt"
cat "$out/machine.txt"; grep -E "\[FAIL\]|Total:" "$out/runtime-tests.txt" | head -30; grep -c "\[SKIP\]" "$out/runtime-tests.txt"; tail -8 "$out/vector-proof.txt"
