#!/usr/bin/env bash
# The residual-stack comparison in one call on the GPU machine (see benchmarks/RESULTS.md, GPU section):
# KernelGen fused and unfused (KernelGen.GpuBenchmarks --stack, packed by device-pack), then PyTorch eager and
# torch.compile on the weights KernelGen exported, then the table; the row kernels' PTX through ptxas -v.
# Usage (repository root, .device-pack carried): bash benchmarks/gpu/run_stack.sh  — writes to $OUT.
set -u
out=${OUT:-/tmp/stack-out}; mkdir -p "$out"
rm -rf .dp && mkdir -p .dp && tar -C .dp --strip-components=1 -xJf .device-pack/pack.tar.xz
export DOTNET_ROOT=$PWD/.dp/dotnet PATH=$PWD/.dp/dotnet:$PATH
bench=.dp/apps/KernelGen.GpuBenchmarks/KernelGen.GpuBenchmarks.dll
{ date -u; nvidia-smi --query-gpu=name,driver_version,clocks.max.sm --format=csv; } > "$out/machine.txt" 2>&1
dotnet "$bench" --stack --export /tmp/stack > "$out/ours.txt" 2> "$out/ours-stderr.txt"; echo "ours rc $?" >> "$out/machine.txt"
timeout -k 5 "${TORCH_SECONDS:-120}" python3 -u benchmarks/gpu/torch_residual_stack.py /tmp/stack/residual_stack.safetensors ${TORCH_ARGS:---cudagraphs} > "$out/torch.txt" 2> "$out/torch-stderr.txt"; echo "torch rc $?" >> "$out/machine.txt"
python3 benchmarks/gpu/stack_compare.py "$out/ours.txt" "$out/torch.txt" > "$out/table.md" 2>&1
dotnet "$bench" --ptx /tmp/ptx --ptx-only 2> "$out/ptx-summary.txt" > /dev/null
for f in /tmp/ptx/Norm768.*.loaded.ptx /tmp/ptx/StackNormResidual.*.loaded.ptx /tmp/ptx/Gelu768.*.loaded.ptx; do
  echo "== $f"; ptxas -arch=sm_90 -v "$f" -o /tmp/x.cubin 2>&1
done > "$out/ptxas-v.txt" 2>&1
cat "$out/machine.txt" "$out/table.md"; grep "^#" "$out/ours.txt"
