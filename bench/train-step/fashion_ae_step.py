"""The FashionAe training step in PyTorch, for bench/train-step/run.sh.

Mirrors the module DslAe generates for examples/FashionAutoencoder (read it in
examples/FashionAutoencoder/obj/Release/net10.0/generated/): 'same' padding as an explicit (0,1,0,1) pad
before each stride-2 convolution, a dense 32-d code, mirrored transposed convolutions, MSE, Adam lr 2e-3,
batch 64. Each step does what DslAe's step loop does (bench/DslAe.Bench): index_select a shuffled batch from one
big tensor, forward, loss, loss.item() (the NaN check), zero_grad, backward, step.

usage: fashion_ae_step.py <fashion-mnist folder> <images> <warm-up steps> <timed steps>
       -> prints the median ms of one timed step
"""
import gzip, os, statistics, sys, time
import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

folder, count, warmup, timed = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
torch.set_num_threads(os.cpu_count())
torch.manual_seed(42)

with gzip.open(os.path.join(folder, "train-images-idx3-ubyte.gz")) as f:
    raw = np.frombuffer(f.read(), dtype=np.uint8, offset=16)
images = torch.from_numpy(raw.copy()).reshape(-1, 1, 28, 28)[:count].float() / 255


class FashionAe(nn.Module):
    def __init__(self):
        super().__init__()
        self.enc1 = nn.Conv2d(1, 32, 3, stride=2)
        self.enc2 = nn.Conv2d(32, 64, 3, stride=2)
        self.code_in = nn.Linear(3136, 32)
        self.code_out = nn.Linear(32, 3136)
        self.dec1 = nn.ConvTranspose2d(64, 32, 3, stride=2, padding=1, output_padding=1)
        self.dec2 = nn.ConvTranspose2d(32, 1, 3, stride=2, padding=1, output_padding=1)

    def forward(self, x):
        x = F.relu(self.enc1(F.pad(x, (0, 1, 0, 1))))
        x = F.relu(self.enc2(F.pad(x, (0, 1, 0, 1))))
        code = self.code_in(x.flatten(1))
        x = self.code_out(code).reshape(-1, 64, 7, 7)
        x = F.relu(self.dec1(x))
        return torch.sigmoid(self.dec2(x))


model = FashionAe()
optimizer = torch.optim.Adam(model.parameters(), lr=2e-3)
batch = 64
order = torch.randperm(count)
batches = (count + batch - 1) // batch
times = []
for step in range(warmup + timed):
    start = time.perf_counter()
    s = step % batches * batch
    x = images.index_select(0, order[s:s + batch])
    loss = F.mse_loss(model(x), x)
    loss.item()
    optimizer.zero_grad(set_to_none=True)
    loss.backward()
    optimizer.step()
    if step >= warmup:
        times.append(time.perf_counter() - start)
print(f"{1000 * statistics.median(times):.3f}")
