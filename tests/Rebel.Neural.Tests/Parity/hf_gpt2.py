#!/usr/bin/python3
"""A Hugging Face GPT-2 written out from its architecture, for HuggingFaceGpt2Tests.cs.

    hf_gpt2.py make DIR CASE.json   writes a GPT-2 with random weights to DIR (config.json, model.safetensors with
                                    the `transformer.` prefix and the attention mask buffers, as GPT2LMHeadModel's
                                    state dict has them), then prints what `run` prints
    hf_gpt2.py run DIR CASE.json    loads DIR (names with or without the prefix, strictly), prints one JSON object:
                                    {"logits": flat logits of CASE's "tokens" rows, "greedy": for each of CASE's
                                    "prompts", its "new_tokens" greedy tokens, each step recomputed from the whole
                                    sequence}

The module is bench/generation/gpt2_eager.py, written out from transformers' modeling_gpt2 (not imported).
"""
import json
import os
import sys

import torch

here = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, here)
sys.path.insert(0, os.path.join(here, "..", "..", "..", "bench", "generation"))
from parity import read_safetensors, write_safetensors  # noqa: E402
from gpt2_eager import GPT2LMHeadModel  # noqa: E402


CONFIG = {"model_type": "gpt2", "architectures": ["GPT2LMHeadModel"], "vocab_size": 53, "n_positions": 40, "n_embd": 32,
          "n_layer": 2, "n_head": 4, "n_inner": None, "activation_function": "gelu_new", "layer_norm_epsilon": 1e-5,
          "eos_token_id": 52, "bos_token_id": 52}


def load(directory):
    """The GPT-2 of a Hugging Face directory, in eval mode."""
    with open(os.path.join(directory, "config.json")) as f:
        config = json.load(f)
    model = GPT2LMHeadModel(config)
    state, _ = read_safetensors(os.path.join(directory, "model.safetensors"))
    full = model.state_dict()
    state = {("" if k.startswith("transformer.") else "transformer.") + k: v for k, v in state.items() if k != "lm_head.weight"}
    for k, v in full.items():
        if k.endswith(("attn.bias", "masked_bias")):  # buffers a file may leave out
            state.setdefault(k, v)
    model.load_state_dict(state, strict=True)
    return model.eval()


def run(directory, case):
    model = load(directory)
    with torch.no_grad():
        logits, _ = model(torch.tensor(case["tokens"], dtype=torch.long))
        greedy = []
        for prompt in case["prompts"]:
            sequence = list(prompt)
            for _ in range(case["new_tokens"]):
                sequence.append(int(model(torch.tensor([sequence]))[0][0, -1].argmax()))
            greedy.append(sequence[len(prompt):])
    return {"logits": logits.reshape(-1).tolist(), "greedy": greedy}


def make(directory, config=None):
    """Writes a GPT-2 of `config` (default CONFIG) with random weights (seed 0) to `directory`."""
    config = config or CONFIG
    torch.manual_seed(0)
    model = GPT2LMHeadModel(config)
    with torch.no_grad():
        for name, p in model.named_parameters():
            p.copy_(1 + 0.1 * torch.randn_like(p) if name.endswith("ln_1.weight") or name.endswith("ln_2.weight") or name.endswith("ln_f.weight")
                    else 0.2 * torch.randn_like(p))
    os.makedirs(directory, exist_ok=True)
    with open(os.path.join(directory, "config.json"), "w") as f:
        json.dump(config, f)
    write_safetensors(os.path.join(directory, "model.safetensors"), model.state_dict(), {"format": "pt"})


def main():
    mode, directory, case_path = sys.argv[1:4]
    with open(case_path) as f:
        case = json.load(f)
    if mode == "make":
        make(directory)
    print(json.dumps(run(directory, case)))


if __name__ == "__main__":
    main()
