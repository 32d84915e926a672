#!/usr/bin/env python3
"""PyTorch's time for all-MiniLM-L6-v2 on CUDA, 32 sentences x 128 tokens, on the weights and ids KernelGen used.

KernelGen.GpuBenchmarks --minilm MODEL.onnx --export DIR times KernelGen and writes DIR/minilm-kernelgen.safetensors
(its ids and last hidden state); this script rebuilds Hugging Face's BertModel from the same ONNX initializers
(samples/SentenceEmbeddings/reference.py's mapping), runs the same ids in float32 (TF32 off) with eager attention
(the plain softmax(QK^T/sqrt(d))V KernelGen computes) and with SDPA (PyTorch's default), optionally torch.compile,
and prints "minilm <name> <ms>" lines (median of synchronized passes, host ids in, hidden state on the device,
as KernelGen's) and the largest |difference| from KernelGen's hidden state.

    python3 benchmarks/gpu/torch_minilm.py --model model.onnx --kernelgen DIR/minilm-kernelgen.safetensors [--compile]
"""
import argparse
import os
import statistics
import sys
import time

import numpy as np
import torch
from safetensors.numpy import load_file

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "samples", "SentenceEmbeddings"))
from reference import build_model, state_dict_from_onnx  # noqa: E402

PASSES = 50


def median_ms(run, passes=PASSES):
    for _ in range(3):
        run()
    torch.cuda.synchronize()
    times = []
    for _ in range(passes):
        start = time.perf_counter()
        run()
        torch.cuda.synchronize()
        times.append((time.perf_counter() - start) * 1e3)
    return statistics.median(times)


def forward_pass(model, ids_host):
    """One timed pass as KernelGen's: the host ids copied to the GPU, then the last hidden state on the device."""

    def run():
        ids = ids_host.to("cuda")
        mask = torch.ones_like(ids)
        return model(input_ids=ids, attention_mask=mask, token_type_ids=torch.zeros_like(ids)).last_hidden_state

    return run


@torch.no_grad()
def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--model", required=True)
    parser.add_argument("--kernelgen", required=True)
    parser.add_argument("--compile", action="store_true")
    args = parser.parse_args()
    torch.backends.cuda.matmul.allow_tf32 = False
    torch.backends.cudnn.allow_tf32 = False
    ours = load_file(args.kernelgen)
    ids_host = torch.from_numpy(ours["input_ids"])
    expected = ours["last_hidden_state"].astype(np.float64)
    print(f"# PyTorch {torch.__version__} on {torch.cuda.get_device_name()}, float32, TF32 off; ids {tuple(ids_host.shape)}")

    state = state_dict_from_onnx(args.model)
    for name, implementation in (("torch_eager", "eager"), ("torch_sdpa", "sdpa")):
        model, missing, shapes_ok, config = build_model(state, torch.float32, "cuda")
        assert not missing and shapes_ok, f"the ONNX file did not map onto BertModel: missing {missing}"
        if hasattr(model, "set_attn_implementation"):
            model.set_attn_implementation(implementation)
        else:
            model.config._attn_implementation = implementation
        print(f"# {name}: attention implementation {model.config._attn_implementation}")

        run = forward_pass(model, ids_host)
        hidden = run().double().cpu().numpy()
        print(f"# {name}: max |difference| from KernelGen's hidden state {np.abs(hidden - expected).max():.3g}")
        print(f"minilm {name} {median_ms(run):.3f}")
        if args.compile and implementation == "sdpa":
            run_compiled = forward_pass(torch.compile(model), ids_host)
            run_compiled()
            print(f"minilm torch_compile {median_ms(run_compiled):.3f}")


if __name__ == "__main__":
    main()
