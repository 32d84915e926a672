#!/usr/bin/env bash
# The end-to-end GPU call (benchmarks/RESULTS.md, GPU section): the runtime tests with their CUDA cases, the
# module samples on the GPU, then the residual-stack comparison (KernelGen fused/unfused, PyTorch eager,
# torch.compile). Run from the repository root with .device-pack carried (device-pack of the runtime tests,
# samples/ResidualStack, samples/BertEncoder, KernelGen.GpuBenchmarks, KernelGen.Benchmarks); writes to $OUT.
# Keeps the unpacked programs in /tmp/kg-dp for the calls that follow while the machine stays warm.
set -u
out=${OUT:-/tmp/e2e-out}; mkdir -p "$out"
rm -rf /tmp/kg-dp && mkdir -p /tmp/kg-dp && tar -C /tmp/kg-dp --strip-components=1 -xJf .device-pack/pack.tar.xz
ln -sfn /tmp/kg-dp .dp
# Parts of a larger pack (samples/SentenceEmbeddings carries the 90 MB model) wait in /tmp for the next calls.
mkdir -p /tmp/kg-parts && cp .device-pack/se.part.* /tmp/kg-parts/ 2>/dev/null
export DOTNET_ROOT=/tmp/kg-dp/dotnet PATH=/tmp/kg-dp/dotnet:$PATH:/usr/local/cuda/bin
{ date -u; nvidia-smi --query-gpu=name,driver_version,clocks.max.sm --format=csv; lscpu | grep -E "Model name|^CPU\(s\)|Flags" | cut -c1-200; } > "$out/machine.txt" 2>&1
timeout 170 dotnet .dp/apps/KernelGen.Runtime.Tests/KernelGen.Runtime.Tests.dll -method "*Cuda*" > "$out/runtime-tests.txt" 2>&1; echo "cuda tests rc $?" >> "$out/machine.txt"
timeout 60 dotnet .dp/apps/KernelGen.Runtime.Tests/KernelGen.Runtime.Tests.dll -namespace "KernelGen.Runtime.Tests.Modules" > "$out/module-tests.txt" 2>&1; echo "module tests rc $?" >> "$out/machine.txt"
tail -3 "$out/module-tests.txt"
tail -6 "$out/runtime-tests.txt"
(cd .dp/apps/ResidualStack && timeout 60 dotnet ResidualStack.dll) > "$out/residual-stack.txt" 2>&1; echo "residual stack rc $?" >> "$out/machine.txt"
(cd .dp/apps/BertEncoder && timeout 40 dotnet BertEncoder.dll) > "$out/bert-encoder.txt" 2>&1; echo "bert encoder rc $?" >> "$out/machine.txt"
grep -h "VERDICT\|GPU" "$out/residual-stack.txt" "$out/bert-encoder.txt"
bench=.dp/apps/KernelGen.GpuBenchmarks/KernelGen.GpuBenchmarks.dll
timeout 90 dotnet "$bench" --stack --export /tmp/stack > "$out/stack-ours.txt" 2> "$out/stack-ours-stderr.txt"; echo "stack rc $?" >> "$out/machine.txt"
timeout -k 5 150 python3 -u benchmarks/gpu/torch_residual_stack.py /tmp/stack/residual_stack.safetensors --cudagraphs > "$out/stack-torch.txt" 2> "$out/stack-torch-stderr.txt"; echo "torch rc $?" >> "$out/machine.txt"
python3 benchmarks/gpu/stack_compare.py "$out/stack-ours.txt" "$out/stack-torch.txt" > "$out/stack-table.md" 2>&1
cat "$out/machine.txt" "$out/stack-table.md"; grep "^#" "$out/stack-ours.txt" | head -20
