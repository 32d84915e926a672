#!/usr/bin/env bash
# The GPU machine's 16-core Xeon host, whole models on the CPU (benchmarks/RESULTS.md, issue 18), in one device call:
#   ../shared/tools/device-pack benchmarks/KernelGen.Benchmarks/KernelGen.Benchmarks.csproj
#   device tool: run, carry [".device-pack"], command "bash benchmarks/cpu/run_xeon_cpu.sh", timeout_s 600
# Writes machine.txt, subnormal-probe.txt, profile.txt, scaling.txt/json, row-ops.txt and torch-cpu.txt/json
# to $OUT (row-ops.txt: KernelGen's and ONNX Runtime's row layers per call, beside the script's "row ops" table of PyTorch's).
set -u
out=${OUT:-/tmp/xeon-out}; mkdir -p "$out"
rm -rf .dp && mkdir -p .dp && tar -C .dp --strip-components=1 -xJf .device-pack/pack.tar.xz
export DOTNET_ROOT=$PWD/.dp/dotnet PATH=$PWD/.dp/dotnet:$PATH DOTNET_TieredCompilation=0
bench=".dp/apps/KernelGen.Benchmarks/KernelGen.Benchmarks.dll"
{ date -u; git log -1 --format='%h %s' 2>/dev/null | cut -c1-120; lscpu | grep -E 'Model name|^CPU\(s\)'; } > "$out/machine.txt"
timeout 30 dotnet $bench --subnormal-probe > "$out/subnormal-probe.txt" 2>&1; echo "probe rc $?" >> "$out/machine.txt"
timeout 120 dotnet $bench --profile --models stack,encoder --threads 1,16 --passes 3 > "$out/profile.txt" 2>&1; echo "profile rc $?" >> "$out/machine.txt"
timeout 200 dotnet $bench --scaling --models stack,encoder --threads 1,2,4,8,16 --passes 3 --json "$out/scaling.json" > "$out/scaling.txt" 2>&1; echo "scaling rc $?" >> "$out/machine.txt"
timeout 60 dotnet $bench --row-ops --threads 1,2,4,8,16 --passes 3 > "$out/row-ops.txt" 2>&1; echo "row ops rc $?" >> "$out/machine.txt"
timeout 130 python3 benchmarks/cpu/torch_cpu_models.py --threads 1,2,4,8,16 --passes 3 --models stack,encoder --json "$out/torch_cpu_models.json" > "$out/torch-cpu.txt" 2>&1; echo "torch cpu rc $?" >> "$out/machine.txt"
cat "$out/machine.txt" "$out/subnormal-probe.txt"; tail -22 "$out/scaling.txt"; tail -22 "$out/row-ops.txt"; tail -25 "$out/torch-cpu.txt"
