#!/usr/bin/env bash
# all-MiniLM-L6-v2 on the GPU machine in three calls (a call carries at most 64 MiB with the tree, the model is
# 91 MB, split by its bytes into .gpu-mini1..3 with the pack in the first); what the pack holds runs meanwhile:
#   stage 1: .device-pack and .gpu-mini1; the runtime's CUDA tests and GpuBenchmarks --minilm-kinds, if packed;
#            the exhaustive Vector512 check of the vector GELU fast paths on inputs 0x00000000-0x7FFFFFFF, if packed
#   stage 2: .gpu-mini2; the exhaustive check on 0x80000000-0xFFFFFFFF, if packed
#   stage 3: .gpu-mini3 (with kernelgen.safetensors.xz, the sample's command on the corpus, for reference.py):
#            KernelGen.GpuBenchmarks --minilm, benchmarks/gpu/torch_minilm.py, samples/SentenceEmbeddings/reference.py
# /tmp survives between calls while the machine stays warm (30 s idle), so the stages must follow each other quickly.
# Usage: benchmarks/gpu/run_minilm.sh 1|2|3
set -u
stage=$1
out=${OUT:-/tmp/minilm-out}; mkdir -p "$out" /tmp/kg-mini
export DOTNET_ROOT=/tmp/kg-dp/dotnet PATH=/tmp/kg-dp/dotnet:$PATH
date -u > "$out/machine.txt"; lscpu | grep -E "Model name|Flags" | cut -c1-400 >> "$out/machine.txt"
apps=/tmp/kg-dp/apps
exhaustive() {
  [ -d $apps/KernelGen.DetMathExhaustive ] || return 0
  (timeout 560 dotnet $apps/KernelGen.DetMathExhaustive/KernelGen.DetMathExhaustive.dll \
      --vector --functions gelu,gelutanh --range "$1" "$2") > "$out/vector-gelu-$1.txt" 2>&1
  echo "exhaustive $1..$2 rc $?" >> "$out/machine.txt"
}
case "$stage" in
  1)
    rm -rf /tmp/kg-dp /tmp/kg-mini/* && mkdir -p /tmp/kg-dp && tar -C /tmp/kg-dp --strip-components=1 -xJf .device-pack/pack.tar.xz
    cp .gpu-mini1/* /tmp/kg-mini/
    if [ -d $apps/KernelGen.Runtime.Tests ]; then
      timeout 200 dotnet $apps/KernelGen.Runtime.Tests/KernelGen.Runtime.Tests.dll -method "*Cuda*" > "$out/runtime-cuda-tests.txt" 2>&1
      echo "cuda tests rc $?" >> "$out/machine.txt"
    fi
    (timeout 120 dotnet $apps/KernelGen.GpuBenchmarks/KernelGen.GpuBenchmarks.dll --minilm-kinds) > "$out/minilm-kinds.txt" 2>&1
    echo "kinds rc $?" >> "$out/machine.txt"
    exhaustive 00000000 7FFFFFFF ;;
  2)
    cp .gpu-mini2/* /tmp/kg-mini/
    exhaustive 80000000 FFFFFFFF ;;
  3)
    cp .gpu-mini3/* /tmp/kg-mini/
    cat /tmp/kg-mini/model.part.* > /tmp/kg-mini/model.onnx
    (cd /tmp/kg-mini && sha256sum model.onnx) >> "$out/machine.txt"
    nvidia-smi --query-gpu=name,driver_version --format=csv,noheader >> "$out/machine.txt"
    (timeout 300 dotnet $apps/KernelGen.GpuBenchmarks/KernelGen.GpuBenchmarks.dll --minilm /tmp/kg-mini/model.onnx --export /tmp/kg-mini) > "$out/minilm-kernelgen.txt" 2>&1
    echo "kernelgen rc $?" >> "$out/machine.txt"
    (timeout 300 python3 benchmarks/gpu/torch_minilm.py --model /tmp/kg-mini/model.onnx --kernelgen /tmp/kg-mini/minilm-kernelgen.safetensors --compile) > "$out/minilm-torch.txt" 2>&1
    echo "torch rc $?" >> "$out/machine.txt"
    if [ -f /tmp/kg-mini/kernelgen.safetensors.xz ]; then
      xz -dc /tmp/kg-mini/kernelgen.safetensors.xz > /tmp/kg-mini/kernelgen.safetensors
      (timeout 400 python3 samples/SentenceEmbeddings/reference.py --model /tmp/kg-mini/model.onnx --kernelgen /tmp/kg-mini/kernelgen.safetensors) > "$out/reference.txt" 2>&1
      echo "reference rc $?" >> "$out/machine.txt"
    fi ;;
esac
cat "$out"/machine.txt; for f in "$out"/*.txt; do [ "$f" = "$out/machine.txt" ] || tail -n 25 "$f"; done | tail -c 9000
