#!/usr/bin/python3
"""PyTorch-eager twin of bench/torch/TorchBench: the same GPT-2-style policy (Rebel.Torch.Models.TransformerPolicy)
and the same REBEL iteration (Rebel.Neural.RebelTrainer.Step), op for op. Prints response tokens per second of wall-clock
and of process CPU time.

    /usr/bin/python3 bench/torch/rebel_step.py --threads 1 --iterations 5
"""
import argparse
import json
import math
import random
import time

import torch
import torch.nn.functional as F


class Attention(torch.nn.Module):
    def __init__(self, d, heads, context, layers):
        super().__init__()
        self.d, self.heads = d, heads
        self.qkv = torch.nn.Linear(d, 3 * d)
        self.proj = torch.nn.Linear(d, d)
        torch.nn.init.normal_(self.qkv.weight, std=0.02)
        torch.nn.init.normal_(self.proj.weight, std=0.02 / math.sqrt(2 * layers))
        torch.nn.init.zeros_(self.qkv.bias)
        torch.nn.init.zeros_(self.proj.bias)
        self.register_buffer("future", torch.ones(context, context, dtype=torch.bool).triu(1), persistent=False)

    def forward(self, x):
        b, t, _ = x.shape
        hd = self.d // self.heads
        packed = self.qkv(x)
        q, k, v = (packed.narrow(2, i * self.d, self.d).reshape(b, t, self.heads, hd).transpose(1, 2) for i in range(3))
        scores = q.matmul(k.transpose(-2, -1)) * (1.0 / math.sqrt(hd))
        masked = scores.masked_fill(self.future.narrow(0, 0, t).narrow(1, 0, t), float("-inf"))
        mixed = masked.softmax(-1).matmul(v).transpose(1, 2).reshape(b, t, self.d)
        return self.proj(mixed)


class Block(torch.nn.Module):
    def __init__(self, d, heads, context, layers):
        super().__init__()
        self.ln1 = torch.nn.LayerNorm(d)
        self.attn = Attention(d, heads, context, layers)
        self.ln2 = torch.nn.LayerNorm(d)
        self.fc = torch.nn.Linear(d, 4 * d)
        self.proj = torch.nn.Linear(4 * d, d)
        torch.nn.init.normal_(self.fc.weight, std=0.02)
        torch.nn.init.normal_(self.proj.weight, std=0.02 / math.sqrt(2 * layers))
        torch.nn.init.zeros_(self.fc.bias)
        torch.nn.init.zeros_(self.proj.bias)

    def forward(self, x):
        h = x + self.attn(self.ln1(x))
        return h + self.proj(F.gelu(self.fc(self.ln2(h))))


class TransformerPolicy(torch.nn.Module):
    def __init__(self, vocab, context, d, layers, heads):
        super().__init__()
        self.wte = torch.nn.Embedding(vocab, d)
        self.wpe = torch.nn.Embedding(context, d)
        torch.nn.init.normal_(self.wte.weight, std=0.02)
        torch.nn.init.normal_(self.wpe.weight, std=0.01)
        self.blocks = torch.nn.ModuleList(Block(d, heads, context, layers) for _ in range(layers))
        self.lnf = torch.nn.LayerNorm(d)
        # Not persistent: state_dict() then has exactly Rebel's parameter names (safetensors from TransformerPolicy.Save).
        self.register_buffer("positions", torch.arange(context), persistent=False)

    def forward(self, tokens):
        t = tokens.shape[1]
        h = self.wte(tokens) + self.wpe(self.positions.narrow(0, 0, t))
        for block in self.blocks:
            h = block(h)
        return F.linear(self.lnf(h), self.wte.weight)

    def sequence_log_probs(self, prompt, response):
        p, l = prompt.shape[1], response.shape[1]
        inp = torch.cat([prompt, response.narrow(1, 0, l - 1)], 1) if l > 1 else prompt
        log_probs = self(inp).narrow(1, p - 1, l).log_softmax(-1)
        return log_probs.gather(2, response.unsqueeze(-1)).squeeze(-1).sum(1)

    @torch.no_grad()
    def sample(self, prompt, length, temperature, generator):
        p = prompt.shape[1]
        sequence = prompt
        for i in range(length):
            last = self(sequence).narrow(1, p + i - 1, 1).squeeze(1)
            nxt = (last / temperature).softmax(-1).multinomial(1, generator=generator)
            sequence = torch.cat([sequence, nxt], 1)
        return sequence.narrow(1, p, length).contiguous()


def rebel_loss(log_ratio, reward, eta):
    """Rebel.Neural SelfPlayObjective.Rebel: mean over ordered pairs i != j of a group of the squared residual difference; [groups, K]."""
    groups, k = log_ratio.shape
    residual = log_ratio / eta - reward
    pairs = residual.unsqueeze(2) - residual.unsqueeze(1)
    return pairs.pow(2).sum() / (groups * k * (k - 1.0))


def oracle(y, y_prime):
    a, b = sum(y), sum(y_prime)
    return 1.0 if a > b else 0.0 if a < b else 0.5


class RebelTrainer:
    def __init__(self, policy, length, prompts=32, k=4, eta=1.0, epochs=2, minibatch=8, seed=1, device="cpu"):
        self.policy, self.length, self.device = policy, length, device
        self.prompts, self.k, self.eta, self.epochs, self.minibatch = prompts, k, eta, epochs, minibatch
        self.sampler = torch.Generator(device=device).manual_seed(seed)
        self.shuffler = random.Random(seed)
        self.optimizer = torch.optim.AdamW(policy.parameters(), lr=1e-3, betas=(0.9, 0.999), eps=1e-8, weight_decay=0.0)

    def step(self):
        groups, k, L = self.prompts, self.k, self.length
        n = groups * k
        prompts = torch.zeros(n, 1, dtype=torch.long, device=self.device)
        samples = self.policy.sample(prompts, L, 1.0, self.sampler)
        rows = samples.tolist()
        rewards = [sum(oracle(rows[i], rows[j]) for j in range(g, g + k) if j != i) / (k - 1)
                   for g in range(0, n, k) for i in range(g, g + k)]
        reward = torch.tensor(rewards, dtype=torch.float32, device=self.device)
        with torch.no_grad():
            old = self.policy.sequence_log_probs(prompts, samples)
        order = list(range(groups))
        total = 0.0
        steps = 0
        for _ in range(self.epochs):
            self.shuffler.shuffle(order)
            for start in range(0, groups, self.minibatch):
                batch = order[start:start + self.minibatch]
                index = torch.tensor([b * k + i for b in batch for i in range(k)], dtype=torch.long, device=self.device)
                log_probs = self.policy.sequence_log_probs(prompts.narrow(0, 0, len(index)), samples.index_select(0, index))
                log_ratio = (log_probs - old.index_select(0, index)).view(len(batch), k)
                loss = rebel_loss(log_ratio, reward.index_select(0, index).view(len(batch), k), self.eta)
                self.optimizer.zero_grad(set_to_none=True)
                loss.backward()
                torch.nn.utils.clip_grad_norm_(self.policy.parameters(), 1.0)
                self.optimizer.step()
                total += loss.item()
                steps += 1
        return total / steps, n * L


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--iterations", type=int, default=5)
    parser.add_argument("--warmup", type=int, default=2)
    parser.add_argument("--length", type=int, default=16)
    parser.add_argument("--d-model", type=int, default=128)
    parser.add_argument("--layers", type=int, default=2)
    # The shape of `rebel selfplay --policy neural` on a sequence game (scripts/gpu/run.sh): context = length + 1.
    parser.add_argument("--vocab", type=int, default=16)
    parser.add_argument("--context", type=int, default=24)
    parser.add_argument("--heads", type=int, default=4)
    parser.add_argument("--device", default="cpu", help="cpu or cuda[:N]")
    parser.add_argument("--json", action="store_true", help="print one JSON object instead of the text line")
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    torch.manual_seed(1)
    device = torch.device(args.device)
    policy = TransformerPolicy(vocab=args.vocab, context=args.context, d=args.d_model, layers=args.layers, heads=args.heads).to(device)
    trainer = RebelTrainer(policy, args.length, device=device)
    for _ in range(args.warmup):
        trainer.step()
    cpu_start = time.process_time()
    start = time.perf_counter()
    tokens = 0
    loss = float("nan")
    for _ in range(args.iterations):
        loss, t = trainer.step()
        tokens += t
    if device.type == "cuda":
        torch.cuda.synchronize(device)
    seconds = time.perf_counter() - start
    cpu_seconds = time.process_time() - cpu_start
    if args.json:
        print(json.dumps({"implementation": "pytorch-eager", "device": str(device), "threads": torch.get_num_threads(),
                          "torch": torch.__version__, "cuda": torch.version.cuda, "iterations": args.iterations, "tokens": tokens,
                          "seconds": seconds, "tokens_per_s": tokens / seconds, "cpu_seconds": cpu_seconds,
                          "tokens_per_cpu_s": tokens / cpu_seconds, "last_loss": loss}))
        return
    print(f"pytorch-eager device={device} threads={torch.get_num_threads()} torch={torch.__version__} iterations={args.iterations} "
          f"tokens={tokens} seconds={seconds:.3f} tokens_per_s={tokens / seconds:.1f} "
          f"cpu_seconds={cpu_seconds:.3f} tokens_per_cpu_s={tokens / cpu_seconds:.1f} last_loss={loss:.5f}")


if __name__ == "__main__":
    main()
