#!/usr/bin/python3
"""Parity of Rebel's transformer policy and REBEL loss with PyTorch (PyTorchParityTests.cs runs this).

    parity.py WEIGHTS.safetensors CASE.json OUT.safetensors

Loads the safetensors file that TransformerPolicy.Save wrote into the PyTorch-eager twin of the model
(bench/torch/rebel_step.py) with load_state_dict(strict=True), recomputes the logits and the REBEL loss of the case
that Rebel computed, prints one JSON object with the largest differences, and writes the state dict back as
safetensors (OUT) so the test can load PyTorch's file into Rebel. The reader and writer are written here because
Debian ships no `safetensors` package; they follow the format's specification (8-byte little-endian header length,
JSON header of dtype/shape/data_offsets plus __metadata__, raw little-endian data).
Exit 0 when every difference is at most the case's tolerance, 1 otherwise.
"""
import json
import os
import struct
import sys

import torch

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "..", "bench", "torch"))
from rebel_step import TransformerPolicy, rebel_loss  # noqa: E402

DTYPES = {"F32": torch.float32, "F64": torch.float64, "BF16": torch.bfloat16, "I64": torch.int64, "U8": torch.uint8, "BOOL": torch.bool}


def read_safetensors(path):
    with open(path, "rb") as f:
        blob = f.read()
    (n,) = struct.unpack("<Q", blob[:8])
    header = json.loads(blob[8:8 + n])
    metadata = header.pop("__metadata__", {})
    data = bytearray(blob[8 + n:])
    tensors = {}
    for name, entry in header.items():
        begin, end = entry["data_offsets"]
        dtype = DTYPES[entry["dtype"]]
        flat = torch.frombuffer(data, dtype=dtype, count=(end - begin) // torch.empty(0, dtype=dtype).element_size(), offset=begin) \
            if end > begin else torch.empty(0, dtype=dtype)
        tensors[name] = flat.reshape(entry["shape"]).clone()
    return tensors, metadata


def write_safetensors(path, tensors, metadata):
    codes = {v: k for k, v in DTYPES.items()}
    header, chunks, offset = {"__metadata__": metadata}, [], 0
    for name, t in tensors.items():
        raw = t.detach().cpu().contiguous().view(-1).view(torch.uint8).numpy().tobytes()
        header[name] = {"dtype": codes[t.dtype], "shape": list(t.shape), "data_offsets": [offset, offset + len(raw)]}
        chunks.append(raw)
        offset += len(raw)
    text = json.dumps(header).encode()
    text += b" " * (-len(text) % 8)
    with open(path + ".tmp", "wb") as f:
        f.write(struct.pack("<Q", len(text)) + text + b"".join(chunks))
    os.replace(path + ".tmp", path)


def main():
    weights, case_path, out = sys.argv[1:4]
    state, metadata = read_safetensors(weights)
    config = json.loads(metadata["rebel.config"])
    model = TransformerPolicy(vocab=config["vocab"], context=config["context"], d=config["d_model"],
                              layers=config["layers"], heads=config["heads"])
    model.load_state_dict(state, strict=True)
    with open(case_path) as f:
        case = json.load(f)

    def tensor(key, dtype):
        return torch.tensor(case[key], dtype=dtype)

    logits = model(tensor("tokens", torch.long))
    log_probs = model.sequence_log_probs(tensor("prompt", torch.long), tensor("response", torch.long))
    groups, k = case["groups"], case["k"]
    log_ratio = (log_probs - tensor("old_log_probs", torch.float32)).view(groups, k)
    loss = rebel_loss(log_ratio, tensor("reward", torch.float32).view(groups, k), case["eta"])
    result = {
        "torch": torch.__version__,
        "parameters": len(state),
        "max_logit_diff": (logits - tensor("logits", torch.float32).view_as(logits)).abs().max().item(),
        "max_log_prob_diff": (log_probs - tensor("log_probs", torch.float32)).abs().max().item(),
        "loss": loss.item(),
        "loss_diff": abs(loss.item() - case["loss"]),
    }
    write_safetensors(out, model.state_dict(), metadata)
    print(json.dumps(result))
    tolerance = case["tolerance"]
    sys.exit(0 if max(result["max_logit_diff"], result["max_log_prob_diff"], result["loss_diff"]) <= tolerance else 1)


if __name__ == "__main__":
    main()
