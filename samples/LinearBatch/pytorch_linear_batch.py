"""The linear-batch case in PyTorch, for comparison with the KernelGen sample (same shapes).

Run on a CUDA machine:  python3 samples/LinearBatch/pytorch_linear_batch.py
Prints, for n in 1..16, whether f(x)[:n] and f(x[:n]) are bit-identical, for ones and randn input.
"""
import torch

torch.manual_seed(0)
for device in (["cuda"] if torch.cuda.is_available() else []) + ["cpu"]:
    f = torch.nn.Linear(1024, 64).to(device)
    for name, x in (("ones", torch.ones(16, 300, 1024, device=device)),
                    ("randn", torch.randn(16, 300, 1024, device=device))):
        with torch.no_grad():
            full = f(x)
            same = 0
            worst = 0.0
            for n in range(1, 17):
                part = f(x[:n])
                equal = torch.equal(full[:n], part)
                same += int(equal)
                worst = max(worst, (full[:n] - part).abs().max().item())
        label = torch.cuda.get_device_name() if device == "cuda" else "CPU"
        print(f"PyTorch {torch.__version__} {name:5s}: {same}/16 prefixes bit-identical on {label} "
              f"(max abs diff {worst:.1e})")
