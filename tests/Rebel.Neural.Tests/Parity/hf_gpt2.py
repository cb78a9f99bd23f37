#!/usr/bin/python3
"""A Hugging Face GPT-2 written out from its architecture, for HuggingFaceGpt2Tests.cs.

    hf_gpt2.py make DIR CASE.json   writes a GPT-2 with random weights to DIR (config.json, model.safetensors with
                                    the `transformer.` prefix and the attention mask buffers, as GPT2LMHeadModel's
                                    state dict has them), then prints what `run` prints
    hf_gpt2.py run DIR CASE.json    loads DIR (names with or without the prefix, strictly), prints one JSON object:
                                    {"logits": flat logits of CASE's "tokens" rows, "greedy": for each of CASE's
                                    "prompts", its "new_tokens" greedy tokens, each step recomputed from the whole
                                    sequence}

The module follows transformers' modeling_gpt2 (Conv1D weights [in, out], q·kᵀ / √head_dim, a causal mask by
torch.where with the dtype's minimum, NewGELUActivation, tied head); transformers itself is not imported.
"""
import json
import math
import os
import sys

import torch
from torch import nn

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from parity import read_safetensors, write_safetensors  # noqa: E402


class Conv1D(nn.Module):
    def __init__(self, nf, nx):
        super().__init__()
        self.weight = nn.Parameter(torch.empty(nx, nf))
        self.bias = nn.Parameter(torch.zeros(nf))

    def forward(self, x):
        size = x.size()[:-1] + (self.weight.size(-1),)
        return torch.addmm(self.bias, x.view(-1, x.size(-1)), self.weight).view(size)


def gelu_new(x):
    return 0.5 * x * (1.0 + torch.tanh(math.sqrt(2.0 / math.pi) * (x + 0.044715 * torch.pow(x, 3.0))))


class Attention(nn.Module):
    def __init__(self, c):
        super().__init__()
        n = c["n_positions"]
        self.register_buffer("bias", torch.tril(torch.ones((n, n), dtype=torch.bool)).view(1, 1, n, n))
        self.register_buffer("masked_bias", torch.tensor(-1e4))
        self.heads, self.d = c["n_head"], c["n_embd"]
        self.c_attn = Conv1D(3 * self.d, self.d)
        self.c_proj = Conv1D(self.d, self.d)

    def forward(self, x):
        b, t, _ = x.shape
        q, k, v = self.c_attn(x).split(self.d, dim=2)
        q, k, v = (z.view(b, t, self.heads, self.d // self.heads).permute(0, 2, 1, 3) for z in (q, k, v))
        w = torch.matmul(q, k.transpose(-1, -2)) / (v.size(-1) ** 0.5)
        w = torch.where(self.bias[:, :, :t, :t], w, torch.tensor(torch.finfo(w.dtype).min, dtype=w.dtype))
        out = torch.matmul(nn.functional.softmax(w, dim=-1), v).permute(0, 2, 1, 3).contiguous().view(b, t, self.d)
        return self.c_proj(out)


class MLP(nn.Module):
    def __init__(self, c):
        super().__init__()
        self.c_fc = Conv1D(4 * c["n_embd"], c["n_embd"])
        self.c_proj = Conv1D(c["n_embd"], 4 * c["n_embd"])

    def forward(self, x):
        return self.c_proj(gelu_new(self.c_fc(x)))


class Block(nn.Module):
    def __init__(self, c):
        super().__init__()
        eps = c["layer_norm_epsilon"]
        self.ln_1 = nn.LayerNorm(c["n_embd"], eps=eps)
        self.attn = Attention(c)
        self.ln_2 = nn.LayerNorm(c["n_embd"], eps=eps)
        self.mlp = MLP(c)

    def forward(self, x):
        x = x + self.attn(self.ln_1(x))
        return x + self.mlp(self.ln_2(x))


class GPT2Model(nn.Module):
    def __init__(self, c):
        super().__init__()
        self.wte = nn.Embedding(c["vocab_size"], c["n_embd"])
        self.wpe = nn.Embedding(c["n_positions"], c["n_embd"])
        self.h = nn.ModuleList(Block(c) for _ in range(c["n_layer"]))
        self.ln_f = nn.LayerNorm(c["n_embd"], eps=c["layer_norm_epsilon"])

    def forward(self, tokens):
        x = self.wte(tokens) + self.wpe(torch.arange(tokens.shape[1]))
        for block in self.h:
            x = block(x)
        return self.ln_f(x)


class GPT2LMHeadModel(nn.Module):
    def __init__(self, c):
        super().__init__()
        self.transformer = GPT2Model(c)

    def forward(self, tokens):
        return torch.matmul(self.transformer(tokens), self.transformer.wte.weight.t())


CONFIG = {"model_type": "gpt2", "architectures": ["GPT2LMHeadModel"], "vocab_size": 53, "n_positions": 40, "n_embd": 32,
          "n_layer": 2, "n_head": 4, "n_inner": None, "activation_function": "gelu_new", "layer_norm_epsilon": 1e-5,
          "eos_token_id": 52, "bos_token_id": 52}


def run(directory, case):
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
    model.eval()
    with torch.no_grad():
        logits = model(torch.tensor(case["tokens"], dtype=torch.long))
        greedy = []
        for prompt in case["prompts"]:
            sequence = list(prompt)
            for _ in range(case["new_tokens"]):
                sequence.append(int(model(torch.tensor([sequence]))[0, -1].argmax()))
            greedy.append(sequence[len(prompt):])
    return {"logits": logits.reshape(-1).tolist(), "greedy": greedy}


def make(directory):
    torch.manual_seed(0)
    model = GPT2LMHeadModel(CONFIG)
    with torch.no_grad():
        for name, p in model.named_parameters():
            p.copy_(1 + 0.1 * torch.randn_like(p) if name.endswith("ln_1.weight") or name.endswith("ln_2.weight") or name.endswith("ln_f.weight")
                    else 0.2 * torch.randn_like(p))
    os.makedirs(directory, exist_ok=True)
    with open(os.path.join(directory, "config.json"), "w") as f:
        json.dump(CONFIG, f)
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
