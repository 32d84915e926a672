#!/bin/bash
# H6 (branch gpukernels): Linear shapes and tiles against cuBLAS, PTX resource report, the CUDA tests, ncu on the GEMV.
set -o pipefail
export PATH=$PATH:/usr/local/cuda/bin:/usr/local/cuda-13.0/bin
rm -rf .dp && mkdir -p .dp && tar -C .dp --strip-components=1 -xJf .gpu-h6/pack.tar.xz
export DOTNET_ROOT=$PWD/.dp/dotnet PATH=$PWD/.dp/dotnet:$PATH
B=.dp/apps/KernelGen.GpuBenchmarks/KernelGen.GpuBenchmarks.dll
T=.dp/apps/KernelGen.Runtime.Tests/KernelGen.Runtime.Tests.dll
dotnet $B --ptx /tmp/ptx > $OUT/ours.txt 2> $OUT/ptx-summary.txt; echo "bench rc=$?"
python3 .gpu-h6/torch_matmul.py > $OUT/torch.txt
python3 .gpu-h6/compare.py $OUT/ours.txt $OUT/torch.txt > $OUT/table.md
for f in /tmp/ptx/*.loaded.ptx; do echo "$(basename $f): $(ptxas -arch=sm_90 -v $f -o /tmp/x.cubin 2>&1 | grep -E 'registers|spill' | tr '\n' ' ')"; done > $OUT/ptxas-v.txt
cat $OUT/table.md; grep -c " 0 bytes spill stores" $OUT/ptxas-v.txt; grep -v " 0 bytes spill stores" $OUT/ptxas-v.txt | head -3
timeout 150 dotnet $T -method '*Cuda*' > $OUT/cuda-tests.txt 2>&1; echo "cuda tests rc=$?"; tail -4 $OUT/cuda-tests.txt
timeout 60 dotnet $T -class '*GpuDeviceTests*' -class '*GpuFailureTests*' > $OUT/gpu-device-tests.txt 2>&1; echo "device tests rc=$?"; tail -4 $OUT/gpu-device-tests.txt
timeout 60 ncu --clock-control none -k regex:Staged -c 1 --section SpeedOfLight --section WarpStateStats --section MemoryWorkloadAnalysis --section LaunchStats --section Occupancy dotnet $B --rows 1 > $OUT/ncu-gemv.txt 2>&1; echo "ncu rc=$?"
grep -E "Duration|Throughput|Stall|Warp Cycles|Issued|Registers|Achieved Occupancy" $OUT/ncu-gemv.txt | head -30
