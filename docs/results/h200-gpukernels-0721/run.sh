#!/bin/bash
# H6 (branch gpukernels): benchmark every Linear shape and tile, cuBLAS beside it, PTX resource report.
set -o pipefail
export PATH=$PATH:/usr/local/cuda/bin:/usr/local/cuda-13.0/bin
mkdir -p /tmp/dp && tar -C /tmp/dp --strip-components=1 -xJf .gpu-h6/pack.tar.xz
export DOTNET_ROOT=/tmp/dp/dotnet PATH=/tmp/dp/dotnet:$PATH
nvidia-smi --query-gpu=name,driver_version,clocks.sm,clocks.mem,temperature.gpu,utilization.gpu --format=csv > $OUT/smi.txt 2>&1
dotnet /tmp/dp/apps/KernelGen.GpuBenchmarks/KernelGen.GpuBenchmarks.dll --ptx /tmp/ptx --tiles > $OUT/ours.txt 2> $OUT/ptx-summary.txt; echo "bench rc=$?"
python3 .gpu-h6/torch_matmul.py > $OUT/torch.txt
python3 .gpu-h6/compare.py $OUT/ours.txt $OUT/torch.txt > $OUT/table.md
for f in /tmp/ptx/*.loaded.ptx; do echo "$(basename $f): $(ptxas -arch=sm_90 -v $f -o /tmp/x.cubin 2>&1 | grep -E 'registers|spill' | tr '\n' ' ')"; done > $OUT/ptxas-v.txt
cat $OUT/ours.txt $OUT/table.md $OUT/smi.txt; grep -c spill $OUT/ptxas-v.txt; grep -v " 0 bytes spill stores" $OUT/ptxas-v.txt | head
