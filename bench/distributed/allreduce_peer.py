# The peer of Rebel's gradient all-reduce: PyTorch's own Gloo all_reduce on this machine, 2 ranks, 1 thread each,
# at a small model's size (30 k floats) and a d 256, 4-layer policy's (3 M floats); prints rank 0's ms per call.
#   torchrun --standalone --nproc_per_node 2 --redirects 1 --tee 1 bench/distributed/allreduce_peer.py
# (Debian's torchrun 1.13 under Python 3.11 needs --redirects 1 --tee 1; docs/distributed.md.)
import time

import torch
import torch.distributed as dist

dist.init_process_group("gloo")
torch.set_num_threads(1)
for n in [30_000, 3_000_000]:
    t = torch.ones(n)
    for _ in range(5):
        dist.all_reduce(t)
    calls = 50 if n < 1_000_000 else 10
    dist.barrier()
    start = time.time()
    for _ in range(calls):
        dist.all_reduce(t)
    if dist.get_rank() == 0:
        print(f"n={n}: {(time.time() - start) / calls * 1e3:.2f} ms per all-reduce")
dist.destroy_process_group()
