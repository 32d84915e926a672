"""Turns the "stack" lines of KernelGen.GpuBenchmarks --stack and torch_residual_stack.py into a Markdown table.

    python3 benchmarks/gpu/stack_compare.py ours.txt torch.txt
"""
import sys


def read(path):
    times, kinds = {}, []
    with open(path) as f:
        for line in f:
            parts = line.split()
            if len(parts) == 3 and parts[0] == "stack":
                times[parts[1]] = float(parts[2])
            elif parts[:1] == ["kind"]:
                kinds.append(parts[1:])
    return times, kinds


def main():
    ours, kinds = read(sys.argv[1])
    peers, _ = read(sys.argv[2])
    names = list(peers)
    print("| whole forward pass | ms | " + " | ".join(f"÷ {n}" for n in names) + " |")
    print("|---|---:|" + "---:|" * len(names))
    for name, ms in list(ours.items()) + list(peers.items()):
        print(f"| {name} | {ms:.3f} | " + " | ".join(f"{ms / peers[n]:.2f}" for n in names) + " |")
    if kinds:
        print()
        print("| stack | kind | launches | queued ms | synchronized each ms |")
        print("|---|---|---:|---:|---:|")
        for stack, kind, count, queued, synchronized in kinds:
            print(f"| {stack} | {kind} | {count} | {float(queued):.3f} | {float(synchronized):.3f} |")


if __name__ == "__main__":
    main()
