#!/usr/bin/env bash
# The embedding server on the GPU machine (benchmarks/RESULTS.md, "Embedding server under load"). Pack first with
# benchmarks/gpu/pack_serving.sh, then one device call per part, each carrying its part, from the repository root:
#   call k < n:  carry [".gpu-serve/partK"],  command: bash benchmarks/gpu/run_serving.sh keep
#   last call:   carry [".gpu-serve/partN"],  command: bash benchmarks/gpu/run_serving.sh run
# ("keep" stores the carried part in /tmp while the machine stays warm; "run" joins the parts and runs.)
# "run" writes to $OUT: machine.txt, tests.txt (all serving tests, the CUDA case included), bench-cuda.txt, bench-cpu.txt.
set -u
mkdir -p /tmp/kg-serve-parts
cp .gpu-serve/part*/serve.part.* /tmp/kg-serve-parts/ 2>/dev/null
[ "${1:-}" = "run" ] || { ls -la /tmp/kg-serve-parts; exit 0; }
out=${OUT:-/tmp/serve-out}; mkdir -p "$out"
rm -rf /tmp/kg-serve && mkdir -p /tmp/kg-serve
cat /tmp/kg-serve-parts/serve.part.* | tar -C /tmp/kg-serve --strip-components=1 -xJf - || { echo "the parts did not all arrive: $(ls /tmp/kg-serve-parts)"; exit 3; }
export DOTNET_ROOT=/tmp/kg-serve/dotnet PATH=/tmp/kg-serve/dotnet:$PATH
{ date -u; nvidia-smi --query-gpu=name,driver_version --format=csv; lscpu | grep -E "Model name|^CPU\(s\)"; } > "$out/machine.txt" 2>&1
(cd /tmp/kg-serve/apps/KernelGen.Serving.Tests && timeout 180 dotnet KernelGen.Serving.Tests.dll) > "$out/tests.txt" 2>&1; echo "tests rc $?" >> "$out/machine.txt"
bench=/tmp/kg-serve/apps/KernelGen.ServingBenchmarks
(cd $bench && timeout 200 dotnet KernelGen.ServingBenchmarks.dll --device cuda --clients 64 --requests 8) > "$out/bench-cuda.txt" 2>&1; echo "bench cuda rc $?" >> "$out/machine.txt"
(cd $bench && timeout 200 dotnet KernelGen.ServingBenchmarks.dll --device cpu --clients 64 --requests 8) > "$out/bench-cpu.txt" 2>&1; echo "bench cpu rc $?" >> "$out/machine.txt"
cat "$out/machine.txt"; tail -4 "$out/tests.txt"; cat "$out/bench-cuda.txt" "$out/bench-cpu.txt"
