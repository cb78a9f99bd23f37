#!/usr/bin/python3
"""Greedy generation speed of a Hugging Face GPT-2 directory in PyTorch eager (gpt2_eager.py), the twin of
`TorchBench --generate` (bench/torch/TorchBench): the same prompts, tokens and steps.

    generate.py DIR [--batch B] [--prompt-length P] [--new-tokens N] [--repeats R] [--no-cache]
    generate.py --make DIR [--d-model D] [--layers L] [--context C]   a random GPT-2 over GPT-2's 50,257 ids

Prints one line: tokens generated, wall and CPU seconds, tokens per second of each. One thread.
"""
import argparse
import os
import sys
import time

import torch

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "tests", "Rebel.Neural.Tests", "Parity"))
from hf_gpt2 import load, make  # noqa: E402


def prompts(batch, length, vocab):
    """Row r's prompt: token (r · 31 + i · 7) mod vocab at position i — the same in TorchBench."""
    return torch.tensor([[(r * 31 + i * 7) % vocab for i in range(length)] for r in range(batch)], dtype=torch.long)


def generate(model, tokens, new_tokens, cache):
    with torch.no_grad():
        logits, past = model(tokens)
        out = []
        for step in range(new_tokens):
            nxt = logits[:, -1].argmax(-1, keepdim=True)
            out.append(nxt)
            if step == new_tokens - 1:
                break
            if cache:
                logits, past = model(nxt, past)
            else:
                tokens = torch.cat((tokens, nxt), 1)
                logits, _ = model(tokens)
        return torch.cat(out, 1)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("dir")
    parser.add_argument("--make", action="store_true")
    parser.add_argument("--d-model", type=int, default=128)
    parser.add_argument("--layers", type=int, default=2)
    parser.add_argument("--context", type=int, default=128)
    parser.add_argument("--batch", type=int, default=4)
    parser.add_argument("--prompt-length", type=int, default=8)
    parser.add_argument("--new-tokens", type=int, default=64)
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--no-cache", action="store_true")
    a = parser.parse_args()
    torch.set_num_threads(1)
    if a.make:
        make(a.dir, {"model_type": "gpt2", "vocab_size": 50257, "n_positions": a.context, "n_embd": a.d_model, "n_layer": a.layers,
                     "n_head": 4, "n_inner": None, "activation_function": "gelu_new", "layer_norm_epsilon": 1e-5,
                     "eos_token_id": 50256, "bos_token_id": 50256})
        return
    model = load(a.dir)
    tokens = prompts(a.batch, a.prompt_length, model.transformer.wte.weight.shape[0])
    generate(model, tokens, a.new_tokens, not a.no_cache)  # warm-up
    cpu, wall = time.process_time(), time.perf_counter()
    for _ in range(a.repeats):
        ids = generate(model, tokens, a.new_tokens, not a.no_cache)
    cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
    n = a.repeats * a.batch * a.new_tokens
    print(f"pytorch cache={not a.no_cache} tokens={n} seconds={wall:.3f} tokens_per_s={n / wall:.1f} cpu_seconds={cpu:.3f} "
          f"tokens_per_cpu_s={n / cpu:.1f} first_row={ids[0, :8].tolist()}")


if __name__ == "__main__":
    main()
