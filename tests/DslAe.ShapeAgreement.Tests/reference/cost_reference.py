"""Independent per-stage costs of the two examples, counted by PyTorch (Debian's 1.13) on hand-written twins.

For each stage of examples/FashionAutoencoder and examples/UNetDenoiser, as the generated module runs it:
  flops       what torch.profiler(with_flops=True) counts for the stage's convolutions and matrix products, per
              sample (element-wise adds and multiplies, which it also counts, are not DslAe's FLOPs; a transposed
              convolution is counted as the convolution it is the adjoint of: the same multiply-adds, which the
              1.13 profiler counts for conv2d only)
  saved       bytes per sample of the tensors the stage creates that autograd keeps for backward, seen by
              torch.autograd.graph.saved_tensors_hooks (parameters and buffers excluded; a storage counted once)
  forward     bytes per sample of every tensor the stage creates in a forward pass (a TorchDispatchMode records
              every op's outputs; views of an existing storage are not new tensors)
The model's input counts as "(input)" when autograd keeps it; the loss is the MSE of the output against the clean
image (UNetDenoiser trains on noisy inputs, so its clean target is a second tensor), as the C# side counts it. Each
figure is the difference between batches of 16 and 8, divided by 8: what grows with the batch, without what a pass
allocates once (1.13's linear copies the transposed weight in evaluation mode, for one).

usage: cost_reference.py FashionAe|UNetDenoiser|Mixed  ->  one line per stage: "<stage> <flops> <saved> <forward>"
"""
import sys
import torch
import torch.nn as nn
import torch.nn.functional as F
from torch.profiler import profile, ProfilerActivity
from torch.utils._python_dispatch import TorchDispatchMode

torch.manual_seed(0)


def fashion_ae():
    enc1, enc2 = nn.Conv2d(1, 32, 3, stride=2), nn.Conv2d(32, 64, 3, stride=2)
    code_in, code_out = nn.Linear(3136, 32), nn.Linear(32, 3136)
    dec1 = nn.ConvTranspose2d(64, 32, 3, stride=2, padding=1, output_padding=1)
    dec2 = nn.ConvTranspose2d(32, 1, 3, stride=2, padding=1, output_padding=1)
    stages = [
        ("Enc1", lambda s: F.relu(enc1(F.pad(s["x"], (0, 1, 0, 1))))),
        ("Enc2", lambda s: F.relu(enc2(F.pad(s["x"], (0, 1, 0, 1))))),
        ("Code", lambda s: code_out(code_in(s["x"].flatten(1))).reshape(-1, 64, 7, 7)),
        ("Dec1", lambda s: F.relu(dec1(s["x"]))),
        ("Dec2", lambda s: torch.sigmoid(dec2(s["x"]))),
    ]
    # The 1.13 profiler counts no transposed convolution: count the convolution it is the adjoint of.
    adjoint = {
        "Dec1": lambda s: F.conv2d(torch.zeros(len(s["x"]), 32, 14, 14), dec1.weight.detach(), stride=2, padding=1),
        "Dec2": lambda s: F.conv2d(torch.zeros(len(s["x"]), 1, 28, 28), dec2.weight.detach(), stride=2, padding=1),
    }
    return stages, adjoint, [enc1, enc2, code_in, code_out, dec1, dec2], (1, 28, 28), False


def unet_denoiser():
    enc1, enc2, enc3 = nn.Conv2d(1, 8, 3, padding=1), nn.Conv2d(8, 16, 3, padding=1), nn.Conv2d(16, 32, 3, padding=1)
    code = nn.Conv2d(32, 16, 1)
    dec3, dec2, dec1, out = nn.Conv2d(16, 16, 3, padding=1), nn.Conv2d(32, 8, 3, padding=1), nn.Conv2d(16, 8, 3, padding=1), nn.Conv2d(8, 1, 1)

    def pool(s, name):
        y, s[name + "Indices"] = F.max_pool2d(s["x"], 2, 2, return_indices=True)
        return y

    stages = [
        ("Enc1", lambda s: F.relu(enc1(s["x"]))),
        ("Pool1", lambda s: pool(s, "Pool1")),
        ("Enc2", lambda s: F.relu(enc2(s["x"]))),
        ("Pool2", lambda s: pool(s, "Pool2")),
        ("Enc3", lambda s: F.relu(enc3(s["x"]))),
        ("Code", lambda s: code(s["x"])),
        ("Dec3", lambda s: F.relu(dec3(s["x"]))),
        ("Up2", lambda s: F.max_unpool2d(s["x"], s["Pool2Indices"], 2, 2, output_size=(14, 14))),
        ("Dec2", lambda s: F.relu(dec2(torch.cat([s["x"], s["Enc2"]], 1)))),
        ("Up1", lambda s: F.max_unpool2d(s["x"], s["Pool1Indices"], 2, 2, output_size=(28, 28))),
        ("Dec1", lambda s: F.relu(dec1(torch.cat([s["x"], s["Enc1"]], 1)))),
        ("Out", lambda s: torch.sigmoid(out(s["x"]))),
    ]
    return stages, {}, [enc1, enc2, enc3, code, dec3, dec2, dec1, out], (1, 28, 28), True


def mixed():
    """CostAgreementTests.Mixed: batch norm, leaky ReLU, dropout, average pooling, GELU, a conv code, bilinear
    upsampling, an adding skip, SiLU (the generated module's ops for each stage, in its order)."""
    enc1, norm1, enc2, code = nn.Conv2d(3, 8, 3, padding=1), nn.BatchNorm2d(8), nn.Conv2d(8, 16, 3, padding=1), nn.Conv2d(16, 8, 1)
    dec1, out = nn.Conv2d(8, 8, 3, padding=1), nn.Conv2d(8, 3, 1)
    stages = [
        ("Enc1", lambda s: F.dropout(F.leaky_relu(norm1(enc1(s["x"])), 0.2), 0.25, s["training"])),
        ("Pool1", lambda s: F.avg_pool2d(s["x"], 2, 2)),
        ("Enc2", lambda s: F.gelu(enc2(s["x"]))),
        ("Code", lambda s: code(s["x"])),
        ("Dec2", lambda s: F.interpolate(s["x"], size=(16, 16), mode="bilinear", align_corners=False)),
        ("Dec1", lambda s: F.silu(dec1(s["x"] + s["Enc1"]))),
        ("Out", lambda s: torch.sigmoid(out(s["x"]))),
    ]
    return stages, {}, [enc1, norm1, enc2, code, dec1, out], (3, 16, 16), False


class Outputs(TorchDispatchMode):
    """
    Records the storage of every tensor an op returns, with the stage running then, and holds every one until the
    pass ends, as the generated forward does (its dispose scope): a freed storage's address could be reused.
    """

    def __init__(self, owners, stage):
        super().__init__()
        self.owners, self.stage, self.alive = owners, stage, []

    def __torch_dispatch__(self, func, types, args=(), kwargs=None):
        result = func(*args, **(kwargs or {}))
        for t in result if isinstance(result, (tuple, list)) else [result]:
            if isinstance(t, torch.Tensor):
                key = t.storage().data_ptr()
                if key not in self.owners:
                    self.owners[key] = (self.stage[0], t.storage().nbytes())
                self.alive.append(t)
        return result


def run(stages, x, owners, loss=None):
    # Training with a loss (dropout active, batch statistics), evaluation without.
    state, stage = {"x": x, "training": loss is not None}, [""]
    with Outputs(owners, stage) as outputs:
        for name, step in stages:
            stage[0] = name
            state["x"] = state[name] = step(state)
        stage[0] = "(loss)"
        if loss is not None:
            loss(state["x"])
        return outputs.alive


def measure(stages, adjoint, modules, shape, denoising, batch):
    # Parameters and buffers (batch norm's running statistics) are the model's, not activations.
    parameters = {p.storage().data_ptr() for m in modules for p in list(m.parameters()) + list(m.buffers())}
    clean = torch.rand(batch, *shape)
    x = (clean + 0.3 * torch.randn_like(clean)).clamp(0, 1) if denoising else clean
    owners = {t.storage().data_ptr(): ("(input)", t.storage().nbytes()) for t in {id(x): x, id(clean): clean}.values()}

    # Saved for backward: the training pass with the MSE loss against the clean image.
    kept = set()

    def pack(t):
        key = t.storage().data_ptr()
        if key not in parameters:
            kept.add(key)
        return t

    for m in modules:
        m.train()
    with torch.autograd.graph.saved_tensors_hooks(pack, lambda t: t):
        alive = run(stages, x, owners, loss=lambda output: F.mse_loss(output, clean))
    for m in modules:
        m.eval()
    saved = {}
    for key in kept:
        name, nbytes = owners[key]
        saved[name] = saved.get(name, 0) + nbytes

    # Every tensor of a forward pass (evaluation, no autograd).
    forward_owners = {x.storage().data_ptr(): ("(input)", 0)}
    with torch.no_grad():
        alive = run(stages, x, forward_owners)
    forward = {}
    for name, nbytes in forward_owners.values():
        forward[name] = forward.get(name, 0) + nbytes

    # FLOPs: the profiler, one stage at a time.
    flops, state = {}, {"x": x, "training": False}
    with torch.no_grad():
        for name, step in stages:
            with profile(activities=[ProfilerActivity.CPU], with_flops=True) as p:
                result = (adjoint[name] if name in adjoint else step)(state)
            # Convolutions and matrix products only: DslAe counts no element-wise work (the profiler counts add and mul).
            flops[name] = sum(e.flops for e in p.key_averages() if e.key in ("aten::conv2d", "aten::addmm", "aten::mm", "aten::bmm"))
            state["x"] = state[name] = step(state) if name in adjoint else result
    return flops, saved, forward


def main():
    model = {"FashionAe": fashion_ae, "UNetDenoiser": unet_denoiser, "Mixed": mixed}[sys.argv[1]]()
    small, large = measure(*model, 8), measure(*model, 16)
    for name in ["(input)"] + [n for n, _ in model[0]]:
        print(name, *[(b.get(name, 0) - a.get(name, 0)) // 8 for a, b in zip(small, large)])


main()
