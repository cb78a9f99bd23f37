"""Writes answers.jsonl: 600 made-up comparisons of short answers (4-8 GPT-2 tokens) to three prompts.

Within each prompt the five answers form a cycle with no winner: answer i beats answers i+1 and i+2 (mod 5) with
probability 0.85 (a regular tournament, whose minimax winner is uniform). Each line's winner is drawn with a fixed
seed, so the file is reproducible: python3 make_answers.py > answers.jsonl
"""
import json
import random

PROMPTS = {
    "What should we cook tonight?": [
        " Let us make a spicy curry.",
        " A fresh green salad.",
        " Bake some bread and soup.",
        " Order a large pizza.",
        " Grill fish with lemon.",
    ],
    "Where should we go this weekend?": [
        " A walk by the sea.",
        " Visit the old museum.",
        " Stay home and rest.",
        " Camp in the hills.",
        " See friends in town.",
    ],
    "How should I spend the evening?": [
        " Read a good book.",
        " Watch an old film.",
        " Call my sister.",
        " Go for a long run.",
        " Play some quiet music.",
    ],
}

rng = random.Random(0)
for prompt, answers in PROMPTS.items():
    n = len(answers)
    for _ in range(200):
        i, j = rng.sample(range(n), 2)
        p = 0.85 if (j - i) % n in (1, 2) else 0.15
        winner = "a" if rng.random() < p else "b"
        print(json.dumps({"prompt": prompt, "a": answers[i], "b": answers[j], "winner": winner}))

# warmup.jsonl: the answers for a brief supervised pretraining of the policy, answer k of each prompt repeated
# 8, 4, 2, 1, 1 times, so that the pretrained policy is far from the minimax winner (uniform on each cycle).
with open("warmup.jsonl", "w") as warmup:
    for prompt, answers in PROMPTS.items():
        for answer, times in zip(answers, (8, 4, 2, 1, 1)):
            for _ in range(times):
                warmup.write(json.dumps({"prompt": prompt, "response": answer}) + "\n")
