"""Turns the summaries of several LinearBenchmarks runs into the ratio table of benchmarks/RESULTS.md.

Usage: python3 benchmarks/cpu/ratio_table.py runA.txt runB.txt runC.txt
Each file is the whole console output of one `--filter '*LinearBenchmarks*'` run; only its summary table
is read (the last two columns: GFLOP/s at the median and at the best iteration). Per shape and thread
count it prints each run's median GFLOP/s and ratio (KernelGen / MLAS), then the median over the runs
of the median-based and of the best-based ratios, and whether the issue's goal is met.
"""
import sys

runs = sys.argv[1:]
data, order = {}, []
for i, path in enumerate(runs):
    for line in open(path):
        if not (line.startswith('| KernelGen') or line.startswith('| OnnxRuntime')):
            continue
        cells = [c.strip() for c in line.strip().strip('|').split('|')]
        key = (cells[1], cells[2])
        if key not in order: order.append(key)
        data.setdefault(key, {}).setdefault(i, {})[cells[0]] = (float(cells[-2]), float(cells[-1]))
goal = {'1': 1.0, '2': 0.9}


def median(values):
    ordered = sorted(values)
    middle = len(ordered) // 2
    return ordered[middle] if len(ordered) % 2 else (ordered[middle - 1] + ordered[middle]) / 2


names = [chr(65 + i) for i in range(len(runs))]
print("| Shape (M×K×N) | Threads | " + " | ".join(f"run {n}: ours / MLAS, median GFLOP/s (ratio)" for n in names) + " | ratio of medians, median of runs | ratio of best iterations, median of runs | goal |")
print("|---|---:|" + "---:|" * len(runs) + "---:|---:|---|")
for key in order:
    med, best, cells = [], [], []
    for i in range(len(runs)):
        (km, kb), (mm, mb) = data[key][i]['KernelGen'], data[key][i]['OnnxRuntime']
        med.append(km / mm); best.append(kb / mb)
        cells.append(f"{km:.1f} / {mm:.1f} ({km / mm:.2f})")
    m, b = median(med), median(best)
    g = goal[key[1]]
    verdict = "met" if m >= g else ("**not met** on the median; met on the best" if b >= g else "**not met**")
    print(f"| {key[0]} | {key[1]} | " + " | ".join(cells) + f" | {m:.2f} | {b:.2f} | ≥ {g}: {verdict} |")
