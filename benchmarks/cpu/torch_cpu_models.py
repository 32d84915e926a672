"""PyTorch CPU timings of the two whole models of benchmarks/RESULTS.md ("Whole models (CPU)"), for the same host
as KernelGen.Benchmarks --scaling (the GPU machine's 16-core Xeon).

Models (the shapes of benchmarks/KernelGen.Benchmarks/Models; PyTorch's own random weights, not KernelGen's):
  stack            20 blocks x = x + LN2(Linear2(GELU(Linear1(LN1(x))))), width 768, input 1 x 1024 x 768;
                   Linear weights and biases N(0, 0.2), LayerNorm weight 1, bias 0 (as samples/ResidualStack).
  encoder          a BERT encoder of all-MiniLM-L6-v2's shapes: word + position embeddings, LayerNorm, 6 post-LN
                   layers (12 heads x 32, MLP 1536, GELU erf, eps 1e-12), 32 sentences x 128 tokens, attention
                   written out as matmul / scale / additive mask / softmax / matmul (the ONNX graph's ops).
  encoder-padded   the same, sentences of 16..128 tokens padded to 128 and masked.
  encoder-sdpa     the unpadded encoder with F.scaled_dot_product_attention (what transformers' BERT uses).
Per op (the models' row layers): GELU and LayerNorm on 1024 x 768, softmax over 32 x 12 x 128 x 128, residual add.

For each thread count (torch.set_num_threads): warm passes, then the median of timed passes. Before timing it
checks itself and exits non-zero if a check fails: float32 against float64 copies of the models, SDPA against the
written-out attention, a padded sentence against the same sentence alone, the per-op functions against their
formulas, and that set_num_threads took effect.

  python3 benchmarks/cpu/torch_cpu_models.py [--threads 1,2,4,8,16] [--passes 5] [--json torch_cpu_models.json]
"""
import argparse
import copy
import datetime
import json
import math
import os
import platform
import statistics
import sys
import time

import torch
import torch.nn as nn
import torch.nn.functional as F

WIDTH, DEPTH, ROWS = 768, 20, 1024
VOCAB, MAX_POSITIONS, HIDDEN, HEADS, HEAD_DIM, INTERMEDIATE, LAYERS = 30522, 512, 384, 12, 32, 1536, 6
BATCH, SEQUENCE = 32, 128
MODELS = ("stack", "encoder", "encoder-padded", "encoder-sdpa")
OPS = ("gelu 1024x768", "layernorm 1024x768", "softmax 32x12x128x128", "add 1024x768")


class Block(nn.Module):
    def __init__(self):
        super().__init__()
        self.ln1, self.fc1, self.fc2, self.ln2 = nn.LayerNorm(WIDTH), nn.Linear(WIDTH, WIDTH), nn.Linear(WIDTH, WIDTH), nn.LayerNorm(WIDTH)

    def forward(self, x):
        return x + self.ln2(self.fc2(F.gelu(self.fc1(self.ln1(x)))))


class ResidualStack(nn.Module):
    def __init__(self, generator):
        super().__init__()
        self.blocks = nn.ModuleList(Block() for _ in range(DEPTH))
        with torch.no_grad():
            for block in self.blocks:
                for linear in (block.fc1, block.fc2):
                    linear.weight.normal_(0.0, 0.2, generator=generator)
                    linear.bias.normal_(0.0, 0.2, generator=generator)

    def forward(self, x):
        for block in self.blocks:
            x = block(x)
        return x


class EncoderLayer(nn.Module):
    def __init__(self, sdpa):
        super().__init__()
        self.sdpa = sdpa
        self.q, self.k, self.v, self.o = (nn.Linear(HIDDEN, HIDDEN) for _ in range(4))
        self.norm1, self.norm2 = nn.LayerNorm(HIDDEN, eps=1e-12), nn.LayerNorm(HIDDEN, eps=1e-12)
        self.fc1, self.fc2 = nn.Linear(HIDDEN, INTERMEDIATE), nn.Linear(INTERMEDIATE, HIDDEN)

    def heads(self, x):  # [b, s, 384] -> [b, 12, s, 32]
        b, s, _ = x.shape
        return x.view(b, s, HEADS, HEAD_DIM).transpose(1, 2)

    def forward(self, x, bias):
        q, k, v = self.heads(self.q(x)), self.heads(self.k(x)), self.heads(self.v(x))
        if self.sdpa:
            context = F.scaled_dot_product_attention(q, k, v, attn_mask=bias)
        else:
            scores = torch.matmul(q, k.transpose(-1, -2)) * (1.0 / math.sqrt(HEAD_DIM)) + bias
            context = torch.matmul(torch.softmax(scores, dim=-1), v)
        b, _, s, _ = context.shape
        x = self.norm1(x + self.o(context.transpose(1, 2).reshape(b, s, HIDDEN)))
        return self.norm2(x + self.fc2(F.gelu(self.fc1(x))))


class Encoder(nn.Module):
    def __init__(self, generator, sdpa=False):
        super().__init__()
        self.word, self.position = nn.Embedding(VOCAB, HIDDEN, padding_idx=0), nn.Embedding(MAX_POSITIONS, HIDDEN)
        self.norm = nn.LayerNorm(HIDDEN, eps=1e-12)
        self.layers = nn.ModuleList(EncoderLayer(sdpa) for _ in range(LAYERS))
        with torch.no_grad():  # the distributions of KernelGen's MiniLmEncoder (the draws differ)
            for name, p in self.named_parameters():
                if name.startswith(("word", "position")):
                    p.normal_(0.0, 1.0, generator=generator)
                elif "norm" in name and name.endswith("weight"):
                    p.normal_(1.0, 0.1, generator=generator)
                elif "norm" in name:
                    p.normal_(0.0, 0.1, generator=generator)
                else:
                    p.normal_(0.0, 0.05, generator=generator)

    def forward(self, ids, bias):
        x = self.norm(self.word(ids) + self.position.weight[: ids.shape[1]])
        for layer in self.layers:
            x = layer(x, bias)
        return x


def attention_bias(lengths, sequence, dtype):
    """[batch, 1, 1, sequence]: 0 where a key is real, the dtype's lowest value where it is padding."""
    keys = torch.arange(sequence)[None, :] < torch.tensor(lengths)[:, None]
    bias = torch.zeros(len(lengths), sequence, dtype=dtype).masked_fill(~keys, torch.finfo(dtype).min)
    return bias[:, None, None, :]


def encoder_inputs(generator, padded):
    lengths = torch.randint(16, SEQUENCE + 1, (BATCH,), generator=generator).tolist() if padded else [SEQUENCE] * BATCH
    ids = torch.randint(1, VOCAB, (BATCH, SEQUENCE), generator=generator)
    for b, length in enumerate(lengths):
        ids[b, length:] = 0
    return ids, lengths


def build(seed=2024):
    generator = torch.Generator().manual_seed(seed)
    stack = ResidualStack(generator).eval()
    x = torch.randn(1, ROWS, WIDTH, generator=generator)
    encoder = Encoder(generator).eval()
    encoder_sdpa = None
    if hasattr(F, "scaled_dot_product_attention"):  # PyTorch 2.0 and later
        encoder_sdpa = Encoder(generator, sdpa=True).eval()
        encoder_sdpa.load_state_dict(encoder.state_dict())
    full_ids, full_lengths = encoder_inputs(generator, padded=False)
    padded_ids, padded_lengths = encoder_inputs(generator, padded=True)
    full_bias = attention_bias(full_lengths, SEQUENCE, torch.float32)
    padded_bias = attention_bias(padded_lengths, SEQUENCE, torch.float32)
    runs = {
        "stack": lambda: stack(x),
        "encoder": lambda: encoder(full_ids, full_bias),
        "encoder-padded": lambda: encoder(padded_ids, padded_bias),
    }
    if encoder_sdpa is not None:
        runs["encoder-sdpa"] = lambda: encoder_sdpa(full_ids, full_bias)
    return stack, x, encoder, encoder_sdpa, (padded_ids, padded_lengths), runs


def op_runs(generator):
    a = torch.randn(ROWS, WIDTH, generator=generator)
    r = torch.randn(ROWS, WIDTH, generator=generator)
    weight = 1.0 + 0.1 * torch.randn(WIDTH, generator=generator)
    bias = 0.1 * torch.randn(WIDTH, generator=generator)
    scores = 3.0 * torch.randn(BATCH, HEADS, SEQUENCE, SEQUENCE, generator=generator)
    return {
        "gelu 1024x768": (lambda: F.gelu(a), a),
        "layernorm 1024x768": (lambda: F.layer_norm(a, (WIDTH,), weight, bias, 1e-5), (a, weight, bias)),
        "softmax 32x12x128x128": (lambda: torch.softmax(scores, dim=-1), scores),
        "add 1024x768": (lambda: a + r, (a, r)),
    }


class CheckFailed(Exception):
    pass


def check(name, value, limit):
    ok = value <= limit  # False for NaN
    print(f"  check {name}: {value:.3g} (limit {limit:g}) {'ok' if ok else 'FAILED'}")
    if not ok:
        raise CheckFailed(name)


def max_abs(a, b):
    return (a.double() - b.double()).abs().max().item()


def self_checks(stack, x, encoder, encoder_sdpa, padded, ops):
    print("self-checks (float32 against float64 copies and formulas):")
    torch.set_num_threads(max(1, min(16, os.cpu_count() or 1)))
    y = stack(x)
    check("stack float32 vs float64, max abs error", max_abs(y, copy.deepcopy(stack).double()(x.double())), 1e-3)
    mean = y.abs().mean().item()  # 3.67 for the sample's weights (DESIGN.md); these draws differ, the scale does not
    print(f"  check stack mean |output| in (1, 10): {mean:.3g} {'ok' if 1.0 < mean < 10.0 else 'FAILED'}")
    if not 1.0 < mean < 10.0:
        raise CheckFailed("stack mean |output|")

    ids, lengths = padded
    few = slice(0, 4)  # float64 copies of the encoder are slow: four sentences suffice
    bias32 = attention_bias(lengths[few], SEQUENCE, torch.float32)
    bias64 = attention_bias(lengths[few], SEQUENCE, torch.float64)
    out = encoder(ids[few], bias32)
    encoder64 = copy.deepcopy(encoder).double()
    check("encoder (padded) float32 vs float64, max abs error", max_abs(out, encoder64(ids[few], bias64)), 1e-3)
    if encoder_sdpa is not None:
        check("encoder SDPA vs written-out attention, max abs difference", max_abs(encoder_sdpa(ids[few], bias32), out), 1e-4)
    for b in range(2):
        n = lengths[b]
        alone = encoder(ids[b:b + 1, :n], attention_bias([n], n, torch.float32))
        check(f"sentence {b} ({n} tokens) padded to {SEQUENCE} vs alone, max abs difference", max_abs(out[b, :n], alone[0]), 1e-4)

    for name, (run, data) in ops.items():
        y = run()
        if name.startswith("gelu"):
            a = data.double()
            ref = 0.5 * a * (1.0 + torch.erf(a / math.sqrt(2.0)))
        elif name.startswith("layernorm"):
            a, w, b = (t.double() for t in data)
            mean = a.mean(-1, keepdim=True)
            ref = (a - mean) / torch.sqrt(((a - mean) ** 2).mean(-1, keepdim=True) + 1e-5) * w + b
        elif name.startswith("softmax"):
            e = torch.exp(data.double() - data.double().amax(-1, keepdim=True))
            ref = e / e.sum(-1, keepdim=True)
        else:
            ref = data[0].double() + data[1].double()
        check(f"{name} vs its formula in float64, max abs error", max_abs(y, ref), 1e-4)


def timed(run, warmup, passes, calls=1):
    """Milliseconds per call of each timed pass (a pass is `calls` calls), after `warmup` passes."""
    for _ in range(warmup):
        for _ in range(calls):
            run()
    times = []
    for _ in range(passes):
        start = time.perf_counter()
        for _ in range(calls):
            run()
        times.append((time.perf_counter() - start) * 1e3 / calls)
    return times


def calls_for(run, target_ms=50.0):
    """Enough calls per pass that a short op's pass lasts about target_ms."""
    start = time.perf_counter()
    run()
    once = (time.perf_counter() - start) * 1e3
    return max(1, min(1000, int(target_ms / max(once, 1e-3))))


def host():
    cpu = platform.processor()
    try:
        with open("/proc/cpuinfo") as f:
            cpu = next(line.split(":", 1)[1].strip() for line in f if line.startswith("model name"))
    except (OSError, StopIteration):
        pass
    return {
        "date": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M:%SZ"),
        "cpu": cpu,
        "cpu_count": os.cpu_count(),
        "platform": platform.platform(),
        "python": platform.python_version(),
        "torch": torch.__version__,
        "mkldnn": torch.backends.mkldnn.is_available(),
        "parallel_info": torch.__config__.parallel_info(),
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--threads", default="1,2,4,8,16", help="comma-separated thread counts (default 1,2,4,8,16)")
    parser.add_argument("--passes", type=int, default=5, help="timed passes per model and thread count (default 5)")
    parser.add_argument("--warmup", type=int, default=2, help="untimed passes first (default 2)")
    parser.add_argument("--models", default=",".join(MODELS), help=f"comma-separated, of {', '.join(MODELS)}")
    parser.add_argument("--json", default="torch_cpu_models.json", help="where to write every pass (default torch_cpu_models.json)")
    parser.add_argument("--skip-checks", action="store_true", help="time without the self-checks")
    args = parser.parse_args()
    threads = [int(t) for t in args.threads.split(",")]
    models = args.models.split(",")
    if any(m not in MODELS for m in models) or any(t < 1 for t in threads) or args.passes < 1:
        parser.error("unknown model, or a thread count or pass count below 1")

    info = host()
    print(json.dumps({k: v for k, v in info.items() if k != "parallel_info"}, indent=2))
    torch.set_grad_enabled(False)  # (not inference_mode: the checks copy and convert the models)
    stack, x, encoder, encoder_sdpa, padded, runs = build()
    if any(m not in runs for m in models):
        print(f"no {', '.join(m for m in models if m not in runs)} in PyTorch {torch.__version__}; skipped", file=sys.stderr)
        models = [m for m in models if m in runs]
    ops = op_runs(torch.Generator().manual_seed(7))
    if not args.skip_checks:
        try:
            self_checks(stack, x, encoder, encoder_sdpa, padded, ops)
        except CheckFailed as failed:
            print(f"self-check failed: {failed}; no timings", file=sys.stderr)
            return 1

    results = {"host": info, "passes": args.passes, "warmup": args.warmup, "models": [], "ops": []}
    print(f"\nwhole models, ms per forward pass (median of {args.passes} after {args.warmup} warm passes)")
    print("| model | threads | PyTorch ms (median) | min | speed-up vs 1st row |")
    print("|---|---:|---:|---:|---:|")
    for model in models:
        first = None
        for t in threads:
            torch.set_num_threads(t)
            if torch.get_num_threads() != t:
                print(f"torch.set_num_threads({t}) gave {torch.get_num_threads()} threads", file=sys.stderr)
                return 1
            times = timed(runs[model], args.warmup, args.passes)
            median = statistics.median(times)
            first = first or median
            results["models"].append({"model": model, "threads": t, "median_ms": median, "ms": times})
            print(f"| {model} | {t} | {median:.1f} | {min(times):.1f} | {first / median:.2f} |", flush=True)

    print(f"\nrow ops, ms per call (median of {args.passes} passes of many calls)")
    print("| op | threads | PyTorch ms per call (median) | calls per pass |")
    print("|---|---:|---:|---:|")
    for name, (run, _) in ops.items():
        for t in threads:
            torch.set_num_threads(t)
            calls = calls_for(run)
            times = timed(run, args.warmup, args.passes, calls)
            median = statistics.median(times)
            results["ops"].append({"op": name, "threads": t, "median_ms": median, "ms": times, "calls_per_pass": calls})
            print(f"| {name} | {t} | {median:.3f} | {calls} |", flush=True)

    with open(args.json, "w") as f:
        json.dump(results, f, indent=2)
    print(f"\nwrote {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
