"""SSIM reference for MetricsTests, in Debian's PyTorch (/usr/bin/python3).

Computes SSIM (Wang et al. 2004: 11x11 Gaussian window, sigma 1.5, C1 = 0.01^2, C2 = 0.03^2, data range 1,
valid windows only) in a formulation independent of ours: every 11x11 patch is cut out with unfold and its
weighted mean, variance and covariance are computed directly as sum(w * (x - mu)^2), not as E[x^2] - mu^2
through convolutions.

usage: ssim_reference.py <a.f32> <b.f32> N C H W  -> prints one SSIM per image, one per line
"""
import sys
import torch
import torch.nn.functional as F

a_path, b_path = sys.argv[1], sys.argv[2]
n, c, h, w = map(int, sys.argv[3:7])
a = torch.from_numpy(__import__("numpy").fromfile(a_path, dtype="float32")).double().reshape(n, c, h, w)
b = torch.from_numpy(__import__("numpy").fromfile(b_path, dtype="float32")).double().reshape(n, c, h, w)

size, sigma = 11, 1.5
coords = torch.arange(size, dtype=torch.float64) - size // 2
g = torch.exp(-coords ** 2 / (2 * sigma ** 2))
g = g / g.sum()
weights = torch.outer(g, g).reshape(-1, 1)  # (121, 1)

def patches(x):
    # (N*C, 121, L): every valid 11x11 window of every channel
    return F.unfold(x.reshape(n * c, 1, h, w), kernel_size=size)

pa, pb = patches(a), patches(b)
mu_a = (weights * pa).sum(1)
mu_b = (weights * pb).sum(1)
da, db = pa - mu_a.unsqueeze(1), pb - mu_b.unsqueeze(1)
var_a = (weights * da * da).sum(1)
var_b = (weights * db * db).sum(1)
cov = (weights * da * db).sum(1)
c1, c2 = 0.01 ** 2, 0.03 ** 2
ssim_map = ((2 * mu_a * mu_b + c1) * (2 * cov + c2)) / ((mu_a ** 2 + mu_b ** 2 + c1) * (var_a + var_b + c2))
per_image = ssim_map.reshape(n, c, -1).mean(dim=(1, 2))
for v in per_image.tolist():
    print(repr(v))
