#!/usr/bin/env bash
# A/B on the Xeon host: whole blocks (KG_FIXED_BLOCKS=1) vs the last round cut into pieces (CpuBlockPlan), alternated in one call.
set -u
out=${OUT:-/tmp/ab}; mkdir -p "$out"
rm -rf .dp && mkdir -p .dp && tar -C .dp --strip-components=1 -xJf .device-pack/pack.tar.xz
export DOTNET_ROOT=$PWD/.dp/dotnet PATH=$PWD/.dp/dotnet:$PATH DOTNET_TieredCompilation=0
bench=.dp/apps/KernelGen.Benchmarks/KernelGen.Benchmarks.dll
{ date -u; lscpu | grep -E 'Model name|^CPU\(s\)|L2'; } > "$out/machine.txt" 2>&1
for i in 1 2 3; do for f in 1 0; do
  KG_FIXED_BLOCKS=$f timeout 100 dotnet $bench --scaling --models stack,encoder --threads 2,4,8,16 --passes 3 > "$out/scaling-$i-fixed$f.txt" 2>&1
  echo "run $i fixed=$f rc $?" >> "$out/machine.txt"
done; done
timeout 150 python3 benchmarks/cpu/torch_cpu_models.py --threads 2,16 --passes 3 --models stack,encoder > "$out/torch-cpu.txt" 2>&1; echo "torch rc $?" >> "$out/machine.txt"
cat "$out/machine.txt"
for f in "$out"/scaling-*; do echo "== $(basename $f)"; grep -E '^\| (stack|encoder)' "$f" | awk -F'|' '{printf "%s %s %s/%s\n", $2, $3, $4, $5}'; done
grep -E "stack" "$out/torch-cpu.txt" | head
