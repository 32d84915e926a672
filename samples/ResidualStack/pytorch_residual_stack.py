"""The residual-stack case in PyTorch, for comparison with the KernelGen sample (same structure).

    python3 samples/ResidualStack/pytorch_residual_stack.py [residual_stack.safetensors]

With the file the sample exports (--export), the weights and input are KernelGen's own; without it,
N(0, 0.2) weights and N(0, 1) input from torch.manual_seed(0). For bs in 1, 8, 16 it prints, after
each of the 20 blocks, the mean |difference| between the last row computed in the (bs, 1024, 768)
batch and the same row computed alone, then the eager time of the bs = 1 forward pass.
"""
import os
import sys
import time

import torch

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "..", "benchmarks", "accuracy"))
import safetensors_lite  # noqa: E402

WIDTH, DEPTH, SEQUENCE = 768, 20, 1024


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

    def forward(self, x, after_block=None):
        for i, block in enumerate(self.blocks):
            x = block(x)
            if after_block is not None:
                after_block(i, x)
        return x


def build(path, device):
    torch.manual_seed(0)
    model = Stack()
    if path:
        tensors = safetensors_lite.load(path)
        model.load_state_dict({k: v for k, v in tensors.items() if k.startswith("blocks.")})
        x = tensors["input"]
    else:
        with torch.no_grad():
            for name, p in model.named_parameters():
                if ".fc" in name:
                    p.normal_(0, 0.2)
        x = torch.randn(1, SEQUENCE, WIDTH)
    return model.to(device).eval(), x.to(device)


def main():
    torch.backends.cuda.matmul.allow_tf32 = False
    torch.backends.cudnn.allow_tf32 = False
    path = sys.argv[1] if len(sys.argv) > 1 else None
    device = "cuda" if torch.cuda.is_available() else "cpu"
    model, x1 = build(path, device)
    generator = torch.Generator(device="cpu").manual_seed(1)
    others = torch.randn(15, SEQUENCE, WIDTH, generator=generator).to(device)
    label = torch.cuda.get_device_name() if device == "cuda" else "CPU"
    print(f"PyTorch {torch.__version__} on {label}, float32, TF32 off; weights from {path or 'torch.manual_seed(0)'}")
    with torch.no_grad():
        for bs in (1, 8, 16):
            x = torch.cat([others[:bs - 1], x1], dim=0)  # the bs = 1 input is the last sequence
            in_batch, alone = [], []
            model(x, lambda i, y: in_batch.append(y[-1, -1].clone()))
            model(x[-1:, -1:], lambda i, y: alone.append(y[0, 0].clone()))
            diffs = [(a - b).abs().mean().item() for a, b in zip(in_batch, alone)]
            differing = sum(d != 0 for d in diffs)
            print(f"bs = {bs}: {differing}/{DEPTH} blocks differ; mean|diff| per block: "
                  + " ".join(f"{d:.2g}" for d in diffs))
        if device == "cuda":
            for _ in range(3):
                model(x1)
            torch.cuda.synchronize()
            runs = 20
            start = time.perf_counter()
            for _ in range(runs):
                model(x1)
            torch.cuda.synchronize()
            print(f"eager forward, bs = 1 ({SEQUENCE} x {WIDTH}): {(time.perf_counter() - start) / runs * 1e3:.2f} ms")


if __name__ == "__main__":
    main()
