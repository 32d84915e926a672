#!/usr/bin/env bash
# The third call: samples/SentenceEmbeddings' scenario on the GPU machine (the real all-MiniLM-L6-v2; CPU
# invariance, ONNX Runtime parity, semantic search, and the GPU part: To(gpu), the CPU's bits). Its published
# app (about 100 MB with the model) arrives in parts over the calls; this one carries the last (.gpu-se3).
set -u
out=${OUT:-/tmp/se-out}; mkdir -p "$out"
export DOTNET_ROOT=/tmp/kg-dp/dotnet PATH=/tmp/kg-dp/dotnet:$PATH
cp .gpu-se3/se.part.* /tmp/kg-parts/
cat /tmp/kg-parts/se.part.* | tar -C /tmp/kg-dp/apps -xJf - || { echo "the parts did not arrive: $(ls -la /tmp/kg-parts)"; exit 3; }
date -u > "$out/machine.txt"; lscpu | grep "Model name" >> "$out/machine.txt"
(cd /tmp/kg-dp/apps/SentenceEmbeddings && timeout 400 dotnet SentenceEmbeddings.dll) > "$out/scenario.txt" 2>&1; echo "scenario rc $?" >> "$out/machine.txt"
cat "$out/machine.txt" "$out/scenario.txt"
