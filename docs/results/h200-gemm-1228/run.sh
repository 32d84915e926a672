#!/bin/bash
# gemm helper, call 1: every tile of every Linear shape (--tiles) against cuBLAS, PTX resource report.
set -o pipefail
export PATH=$PATH:/usr/local/cuda/bin:/usr/local/cuda-13.0/bin
rm -rf .dp && mkdir -p .dp && tar -C .dp --strip-components=1 -xJf .gpu-gemm/pack.tar.xz
export DOTNET_ROOT=$PWD/.dp/dotnet PATH=$PWD/.dp/dotnet:$PATH
B=.dp/apps/KernelGen.GpuBenchmarks/KernelGen.GpuBenchmarks.dll
nvidia-smi --query-gpu=name,clocks.sm,clocks.max.sm --format=csv > $OUT/gpu.txt
timeout 115 dotnet $B --tiles --ptx /tmp/ptx > $OUT/ours.txt 2> $OUT/ptx-summary.txt; echo "bench rc=$?"
timeout 30 python3 benchmarks/gpu/torch_matmul.py > $OUT/torch.txt
python3 benchmarks/gpu/compare.py $OUT/ours.txt $OUT/torch.txt > $OUT/table.md
for f in /tmp/ptx/*Linear*.loaded.ptx; do echo "$(basename $f): $(ptxas -arch=sm_90 -v $f -o /tmp/x.cubin 2>&1 | grep -E 'registers|spill' | tr '\n' ' ')"; done > $OUT/ptxas-v.txt
cat $OUT/ours.txt; cat $OUT/table.md; grep -c " 0 bytes spill stores" $OUT/ptxas-v.txt; grep -v " 0 bytes spill stores" $OUT/ptxas-v.txt | head -3
T=.dp/apps/KernelGen.Runtime.Tests/KernelGen.Runtime.Tests.dll
timeout $((192 - SECONDS)) dotnet $T -method '*Cuda*' > $OUT/cuda-tests.txt 2>&1; echo "cuda tests rc=$?"; tail -4 $OUT/cuda-tests.txt
