#!/usr/bin/env bash
# all-MiniLM-L6-v2 on the GPU machine in three calls (a call carries at most 64 MiB with the tree, the model is
# 91 MB), each also running half of the exhaustive Vector512 check of the vector GELU fast paths on its Xeon:
#   stage 1: .device-pack (DetMathExhaustive + GpuBenchmarks) and .gpu-mini1 (model part 1); inputs 0x00000000-0x7FFFFFFF
#   stage 2: .gpu-mini2 (model part 2); inputs 0x80000000-0xFFFFFFFF
#   stage 3: .gpu-mini3 (model part 3, kernelgen.safetensors.xz from the sample's command on the corpus):
#            KernelGen.GpuBenchmarks --minilm, benchmarks/gpu/torch_minilm.py, samples/SentenceEmbeddings/reference.py
# /tmp survives between calls while the machine stays warm (30 s idle), so the stages must follow each other quickly.
# Usage: benchmarks/gpu/run_minilm.sh 1|2|3
set -u
stage=$1
out=${OUT:-/tmp/minilm-out}; mkdir -p "$out" /tmp/kg-mini
export DOTNET_ROOT=/tmp/kg-dp/dotnet PATH=/tmp/kg-dp/dotnet:$PATH
date -u > "$out/machine.txt"; lscpu | grep -E "Model name|Flags" | cut -c1-400 >> "$out/machine.txt"
exhaustive() {
  (timeout 560 dotnet /tmp/kg-dp/apps/KernelGen.DetMathExhaustive/KernelGen.DetMathExhaustive.dll \
      --vector --functions gelu,gelutanh --range "$1" "$2") > "$out/vector-gelu-$1.txt" 2>&1
  echo "exhaustive $1..$2 rc $?" >> "$out/machine.txt"
}
case "$stage" in
  1)
    rm -rf /tmp/kg-dp /tmp/kg-mini/* && mkdir -p /tmp/kg-dp && tar -C /tmp/kg-dp --strip-components=1 -xJf .device-pack/pack.tar.xz
    cp .gpu-mini1/* /tmp/kg-mini/
    exhaustive 00000000 7FFFFFFF ;;
  2)
    cp .gpu-mini2/* /tmp/kg-mini/
    exhaustive 80000000 FFFFFFFF ;;
  3)
    cp .gpu-mini3/* /tmp/kg-mini/
    cat /tmp/kg-mini/model.part.* > /tmp/kg-mini/model.onnx
    (cd /tmp/kg-mini && sha256sum model.onnx) >> "$out/machine.txt"
    xz -dc /tmp/kg-mini/kernelgen.safetensors.xz > /tmp/kg-mini/kernelgen.safetensors
    nvidia-smi --query-gpu=name,driver_version --format=csv,noheader >> "$out/machine.txt"
    (timeout 300 dotnet /tmp/kg-dp/apps/KernelGen.GpuBenchmarks/KernelGen.GpuBenchmarks.dll --minilm /tmp/kg-mini/model.onnx --export /tmp/kg-mini) > "$out/minilm-kernelgen.txt" 2>&1
    echo "kernelgen rc $?" >> "$out/machine.txt"
    (timeout 300 python3 benchmarks/gpu/torch_minilm.py --model /tmp/kg-mini/model.onnx --kernelgen /tmp/kg-mini/minilm-kernelgen.safetensors --compile) > "$out/minilm-torch.txt" 2>&1
    echo "torch rc $?" >> "$out/machine.txt"
    (timeout 400 python3 samples/SentenceEmbeddings/reference.py --model /tmp/kg-mini/model.onnx --kernelgen /tmp/kg-mini/kernelgen.safetensors) > "$out/reference.txt" 2>&1
    echo "reference rc $?" >> "$out/machine.txt" ;;
esac
cat "$out"/*.txt | tail -c 11000
