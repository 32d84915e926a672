"""Accuracy of the residual stack: KernelGen (CPU = GPU bits) and PyTorch float32, each against float64.

    python3 benchmarks/accuracy/residual_stack_accuracy.py residual_stack.safetensors [--markdown OUT.md]

The file is what `samples/ResidualStack --export DIR` writes: the parameters under PyTorch's names,
the bs = 1 input and KernelGen's output for it. The float64 reference runs the same module tree in
double precision (erf GELU, biased LayerNorm variance, eps 1e-5) on the CPU.
"""
import argparse
import os
import sys

import torch

sys.path.insert(0, os.path.dirname(__file__))
sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "..", "samples", "ResidualStack"))
import safetensors_lite  # noqa: E402
from pytorch_residual_stack import Stack  # noqa: E402


def errors(output, reference):
    diff = (output.double() - reference).abs()
    return diff.max().item(), diff.mean().item()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("path")
    parser.add_argument("--markdown")
    args = parser.parse_args()
    torch.backends.cuda.matmul.allow_tf32 = False
    torch.backends.cudnn.allow_tf32 = False

    tensors = safetensors_lite.load(args.path)
    state = {k: v for k, v in tensors.items() if k.startswith("blocks.")}
    x = tensors["input"]
    ours = tensors["kernelgen_output"]

    model = Stack()
    model.load_state_dict(state)
    model.eval()
    rows = []
    with torch.no_grad():
        reference = model.double()(x.double())
        rows.append(("KernelGen float32 (CPU = GPU bits)", *errors(ours, reference)))
        model.float()
        rows.append(("PyTorch float32, CPU", *errors(model(x), reference)))
        if torch.cuda.is_available():
            model.cuda()
            rows.append((f"PyTorch float32, {torch.cuda.get_device_name()} (TF32 off)", *errors(model(x.cuda()).cpu(), reference)))

    mean_output = reference.abs().mean().item()
    lines = [
        f"Residual stack, 20 blocks, width 768, input (1, 1024, 768); error against float64 (PyTorch {torch.__version__}, CPU); mean |output| {mean_output:.3f}",
        "",
        "| implementation | max abs error | mean abs error |",
        "|---|---|---|",
    ] + [f"| {name} | {mx:.3e} | {mean:.3e} |" for name, mx, mean in rows]
    print("\n".join(lines))
    if args.markdown:
        with open(args.markdown, "w") as f:
            f.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
