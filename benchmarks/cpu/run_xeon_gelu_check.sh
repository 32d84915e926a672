#!/usr/bin/env bash
# One device call on the GPU machine's Xeon after a change to the vector GELU: the all-inputs proof (Vector512/256/128),
# a Stopwatch harness before/after (apps geluh-before, geluh-after added to the pack by hand: see
# docs/results/xeon-gelu-divide-0505/README.md), then row ops, the stack profile, the scaling table and PyTorch.
set -u
out=${OUT:-/tmp/o}; mkdir -p $out
rm -rf .dp && mkdir -p .dp && tar -C .dp --strip-components=1 -xJf .device-pack/pack.tar.xz
export DOTNET_ROOT=$PWD/.dp/dotnet PATH=$PWD/.dp/dotnet:$PATH DOTNET_TieredCompilation=0
bench=.dp/apps/KernelGen.Benchmarks/KernelGen.Benchmarks.dll
{ date -u; lscpu | grep -E 'Model name|^CPU\(s\)'; } > $out/machine.txt
timeout 150 dotnet .dp/apps/KernelGen.DetMathExhaustive/KernelGen.DetMathExhaustive.dll --vector --functions gelu,gelutanh > $out/vector-gelu-xeon.txt 2>&1; echo "exhaustive rc $?" >> $out/machine.txt
for r in 1 2; do for v in before after; do echo "== $v run $r" >> $out/gelu-harness.txt; timeout 30 dotnet .dp/apps/geluh-$v/geluh.dll 30 >> $out/gelu-harness.txt 2>&1; done; done
timeout 60 dotnet $bench --row-ops --threads 1,2,16 --passes 3 > $out/row-ops.txt 2>&1; echo "row ops rc $?" >> $out/machine.txt
timeout 90 dotnet $bench --profile --models stack --threads 1,16 --passes 3 > $out/profile.txt 2>&1; echo "profile rc $?" >> $out/machine.txt
timeout 150 dotnet $bench --scaling --models stack,encoder --threads 1,2,16 --passes 3 > $out/scaling.txt 2>&1; echo "scaling rc $?" >> $out/machine.txt
timeout 120 python3 benchmarks/cpu/torch_cpu_models.py --threads 1,2,16 --passes 3 --models stack,encoder > $out/torch-cpu.txt 2>&1; echo "torch rc $?" >> $out/machine.txt
cat $out/machine.txt; tail -12 $out/vector-gelu-xeon.txt; grep -E "==|v512" $out/gelu-harness.txt; tail -14 $out/row-ops.txt; grep -A8 "stack, 1 thread" $out/profile.txt; grep -E "^\| (stack|encoder)" $out/scaling.txt; grep -E "^\| (stack|encoder|gelu|softmax)" $out/torch-cpu.txt
