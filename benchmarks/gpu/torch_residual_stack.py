"""The residual stack in PyTorch on the GPU, eager and torch.compile, on KernelGen's own weights.

    python3 benchmarks/gpu/torch_residual_stack.py DIR/residual_stack.safetensors [--cudagraphs]

The file is what `KernelGen.GpuBenchmarks --stack --export DIR` writes: every parameter under the module
tree's names, the (1, 1024, 768) input and KernelGen's output. float32, TF32 off. Each time is the median of
synchronized forward passes (CUDA events); torch.compile is warmed up (compiled) before it is timed.
--cudagraphs also times torch.compile(mode="reduce-overhead") (CUDA graphs: one launch a pass).
Prints "stack NAME MS" lines for benchmarks/gpu/stack_compare.py, and "#" comments.
"""
import os
import sys
import time

import torch

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "accuracy"))
import safetensors_lite  # noqa: E402

WIDTH, DEPTH = 768, 20
PASSES = 200


class Block(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.ln1 = torch.nn.LayerNorm(WIDTH)
        self.fc1 = torch.nn.Linear(WIDTH, WIDTH)
        self.fc2 = torch.nn.Linear(WIDTH, WIDTH)
        self.ln2 = torch.nn.LayerNorm(WIDTH)

    def forward(self, x):
        return x + self.ln2(self.fc2(torch.nn.functional.gelu(self.fc1(self.ln1(x)))))


class Stack(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.blocks = torch.nn.ModuleList(Block() for _ in range(DEPTH))

    def forward(self, x):
        for block in self.blocks:
            x = block(x)
        return x


def median_ms(run, x):
    start, end = torch.cuda.Event(enable_timing=True), torch.cuda.Event(enable_timing=True)
    times = []
    for i in range(PASSES + 3):
        torch.cuda.synchronize()
        start.record()
        run(x)
        end.record()
        end.synchronize()
        if i >= 3:
            times.append(start.elapsed_time(end))
    times.sort()
    return times[len(times) // 2]


def main():
    torch.backends.cuda.matmul.allow_tf32 = False
    torch.backends.cudnn.allow_tf32 = False
    tensors = safetensors_lite.load(sys.argv[1])
    model = Stack()
    model.load_state_dict({k: v for k, v in tensors.items() if k.startswith("blocks.")})
    model = model.cuda().eval()
    x = tensors["input"].cuda()
    reference = tensors["kernelgen_output"].cuda()
    print(f"# PyTorch {torch.__version__} on {torch.cuda.get_device_name()}, float32, TF32 off, median of {PASSES} passes")
    with torch.no_grad():
        y = model(x)
        print(f"# eager vs KernelGen's output: max |diff| {(y - reference).abs().max().item():.3e}, mean {(y - reference).abs().mean().item():.3e}")
        print(f"stack torch_eager {median_ms(model, x):.3f}")
        modes = [("torch_compile", {})]
        if "--cudagraphs" in sys.argv:
            modes.append(("torch_compile_cudagraphs", {"mode": "reduce-overhead"}))
        for name, options in modes:
            compiled = torch.compile(model, **options)
            clock = time.perf_counter()
            for _ in range(3):
                compiled(x)
            torch.cuda.synchronize()
            print(f"# {name}: compiled and warmed up in {time.perf_counter() - clock:.1f} s")
            y = compiled(x)
            print(f"# {name} vs KernelGen's output: max |diff| {(y - reference).abs().max().item():.3e}")
            print(f"stack {name} {median_ms(compiled, x):.3f}", flush=True)


if __name__ == "__main__":
    main()
