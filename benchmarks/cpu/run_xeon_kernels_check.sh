#!/usr/bin/env bash
# Two consecutive device calls after a change to the CPU kernels (the two packs together pass what a call may carry):
#   tests:  the tests that run the kernels on the Xeon host's AVX-512 (the Vector512 tiles, the SIMD child processes,
#           invariance, fusion, golden hashes, the vector DetMath forms, softmax and attention; the CUDA parity and
#           invariance tests beside them), then, when the pack holds the exhaustive tool, the all-inputs proof of the
#           vector forms of FUNCTIONS (default exp) on every width the Xeon runs;
#           pack: ../shared/tools/device-pack tests/KernelGen.Runtime.Tests/KernelGen.Runtime.Tests.csproj [tools/KernelGen.DetMathExhaustive/KernelGen.DetMathExhaustive.csproj]
#   models: the whole-model scaling table (KernelGen and ONNX Runtime) and PyTorch at 1, 2 and 16 threads (with its row
#           ops), the row layers alone (KernelGen and ONNX Runtime) when ROWS=1, and the stack profile when PROFILE=1; pack: ../shared/tools/device-pack benchmarks/KernelGen.Benchmarks/KernelGen.Benchmarks.csproj
#   device tool: run, carry [".device-pack"], command "bash benchmarks/cpu/run_xeon_kernels_check.sh tests" (then "models")
#   — each writes to $OUT.
set -u
out=${OUT:-/tmp/kernels-check}; mkdir -p "$out"
rm -rf .dp && mkdir -p .dp && tar -C .dp --strip-components=1 -xJf .device-pack/pack.tar.xz
export DOTNET_ROOT=$PWD/.dp/dotnet PATH=$PWD/.dp/dotnet:$PATH
bench=.dp/apps/KernelGen.Benchmarks/KernelGen.Benchmarks.dll
part=${1:-tests}
{ date -u; echo "part $part"; lscpu | grep -E 'Model name|^CPU\(s\)'; nvidia-smi --query-gpu=name --format=csv,noheader; } > "$out/machine.txt" 2>&1
if [ "$part" = tests ]; then
timeout -k 5 "${TEST_SECONDS:-240}" dotnet .dp/apps/KernelGen.Runtime.Tests/KernelGen.Runtime.Tests.dll -parallel all -class "*CpuInvarianceTests" \
  -class "*CudaInvarianceTests" -class "*LinearActivationTests" -class "*FusedDeviceTests" -class "*SimdWidthTests" \
  -class "*ResidualStackParityTests" -class "*EncoderParityTests" -class "*OperandScalingTests" -class "*LinearParameterTests" \
  -class "*CpuTileSchedulerTests" -class "*CpuBlockPlanTests" -class "*DetMathVectorTests" -class "*SimdWidthBitTests" -class "*SoftmaxLayerTests" -class "*SoftmaxVectorPathTests" -class "*AttentionTests" -class "*AttentionKernelTests" \
  > "$out/kernel-tests.txt" 2>&1; echo "tests rc $?" >> "$out/machine.txt"
proof=.dp/apps/KernelGen.DetMathExhaustive/KernelGen.DetMathExhaustive.dll
[ -f "$proof" ] && { timeout -k 5 "${PROOF_SECONDS:-120}" dotnet $proof --vector --functions "${FUNCTIONS:-exp}" > "$out/vector-proof.txt" 2>&1; echo "proof rc $?" >> "$out/machine.txt"; }
cat "$out/machine.txt"; grep -E "\[FAIL\]|Total:" "$out/kernel-tests.txt" | head -20; [ -f "$out/vector-proof.txt" ] && tail -10 "$out/vector-proof.txt"
exit 0
fi
export DOTNET_TieredCompilation=0
[ "${ROWS:-0}" = 1 ] && { timeout 120 dotnet $bench --row-ops --threads 1,2,16 --passes 3 > "$out/row-ops.txt" 2>&1; echo "row-ops rc $?" >> "$out/machine.txt"; }
[ "${PROFILE:-0}" = 1 ] && { timeout 80 dotnet $bench --profile --models stack --threads 1,16 --passes 3 > "$out/profile.txt" 2>&1; echo "profile rc $?" >> "$out/machine.txt"; }
timeout 150 dotnet $bench --scaling --models stack,encoder --threads 1,2,16 --passes 3 > "$out/scaling.txt" 2>&1; echo "scaling rc $?" >> "$out/machine.txt"
timeout 110 python3 benchmarks/cpu/torch_cpu_models.py --threads 1,2,16 --passes 3 --models stack,encoder > "$out/torch-cpu.txt" 2>&1; echo "torch rc $?" >> "$out/machine.txt"
cat "$out/machine.txt"; grep -E "^\| (stack|encoder)" "$out/scaling.txt"; grep -E "^\| (stack|encoder)" "$out/torch-cpu.txt"
[ -f "$out/row-ops.txt" ] && grep -E "^\| [A-Z]" "$out/row-ops.txt"; grep -A12 "^row ops" "$out/torch-cpu.txt"
