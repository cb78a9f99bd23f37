#!/usr/bin/python3
"""GPT-2 in PyTorch eager, written out from transformers' modeling_gpt2 (transformers is not imported): Conv1D weights
[in, out], q·kᵀ / √head_dim, a causal mask by torch.where with the dtype's minimum, NewGELUActivation, the head tied to
wte, and a key/value cache of concatenated past keys and values as transformers keeps it. Its state dict has
GPT2LMHeadModel's names (`transformer.h.0.attn.c_attn.weight`, the `attn.bias` mask buffers).

Used by tests/Rebel.Neural.Tests/Parity/hf_gpt2.py (parity of Rebel's Hugging Face GPT-2 loader) and by
bench/generation/generate.py (generation speed against Rebel's).
"""
import math

import torch
from torch import nn


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

    def forward(self, x, past=None):
        b, t, _ = x.shape
        q, k, v = self.c_attn(x).split(self.d, dim=2)
        q, k, v = (z.view(b, t, self.heads, self.d // self.heads).permute(0, 2, 1, 3) for z in (q, k, v))
        if past is not None:  # the cache as transformers keeps it: the past keys and values, concatenated
            k, v = torch.cat((past[0], k), dim=-2), torch.cat((past[1], v), dim=-2)
        n = k.size(-2)
        w = torch.matmul(q, k.transpose(-1, -2)) / (v.size(-1) ** 0.5)
        w = torch.where(self.bias[:, :, n - t:n, :n], w, torch.tensor(torch.finfo(w.dtype).min, dtype=w.dtype))
        out = torch.matmul(nn.functional.softmax(w, dim=-1), v).permute(0, 2, 1, 3).contiguous().view(b, t, self.d)
        return self.c_proj(out), (k, v)


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

    def forward(self, x, past=None):
        a, present = self.attn(self.ln_1(x), past)
        x = x + a
        return x + self.mlp(self.ln_2(x)), present


class GPT2Model(nn.Module):
    def __init__(self, c):
        super().__init__()
        self.wte = nn.Embedding(c["vocab_size"], c["n_embd"])
        self.wpe = nn.Embedding(c["n_positions"], c["n_embd"])
        self.h = nn.ModuleList(Block(c) for _ in range(c["n_layer"]))
        self.ln_f = nn.LayerNorm(c["n_embd"], eps=c["layer_norm_epsilon"])

    def forward(self, tokens, past=None):
        start = 0 if past is None else past[0][0].size(-2)
        x = self.wte(tokens) + self.wpe(torch.arange(start, start + tokens.shape[1]))
        presents = []
        for i, block in enumerate(self.h):
            x, present = block(x, None if past is None else past[i])
            presents.append(present)
        return self.ln_f(x), presents


class GPT2LMHeadModel(nn.Module):
    def __init__(self, c):
        super().__init__()
        self.transformer = GPT2Model(c)

    def forward(self, tokens, past=None):
        """Logits of every position, and the keys and values of every layer (the cache for the next call)."""
        hidden, presents = self.transformer(tokens, past)
        return torch.matmul(hidden, self.transformer.wte.weight.t()), presents
