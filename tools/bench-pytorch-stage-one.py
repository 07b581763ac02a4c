#!/usr/bin/env python3
"""PyTorch side of issue #4's speed bar: the stage-one localization step of `csol bench train --stage one`, in PyTorch.

The same model (visual and audio ResNet-18 trunks, layer4 at stride 1, audio conv1 1->64, 1x1-conv / linear
projections to 128, L2 norm, cosine map, conv_av = 5, BCE-with-logits on the global max), the same random inputs (2B frames,
B log-mels 201x64, audio embedding repeated for the positive and the negative frame), the same Adam (lr 1e-4,
coupled L2 decay 1e-4) and the same timing: one untimed warm-up step, then the mean of N steps, no data loading.
Written for this project against torch's public API; Debian's python3-torch (1.13) runs it:

    apt-get install python3-torch
    /usr/bin/python3 tools/bench-pytorch-stage-one.py --batch 32 --size 224 --steps 2 --threads 2

Compare with `csol bench train --stage one --batch 32 --size 224 --steps 2` run with the same OMP_NUM_THREADS.
"""
import argparse, resource, time

import torch
import torch.nn as nn
import torch.nn.functional as F


class Block(nn.Module):
    def __init__(self, cin, cout, stride):
        super().__init__()
        self.conv1 = nn.Conv2d(cin, cout, 3, stride, 1, bias=False)
        self.bn1 = nn.BatchNorm2d(cout)
        self.conv2 = nn.Conv2d(cout, cout, 3, 1, 1, bias=False)
        self.bn2 = nn.BatchNorm2d(cout)
        self.downsample = None
        if stride != 1 or cin != cout:
            self.downsample = nn.Sequential(nn.Conv2d(cin, cout, 1, stride, bias=False), nn.BatchNorm2d(cout))

    def forward(self, x):
        residual = x if self.downsample is None else self.downsample(x)
        y = F.relu(self.bn1(self.conv1(x)))
        return F.relu(self.bn2(self.conv2(y)) + residual)


class Trunk(nn.Module):
    """ResNet-18 without avgpool/fc, layer4 at stride 1 (output stride 16), as Csol.Learning's ResNet18Backbone."""

    def __init__(self, cin, width=64):
        super().__init__()
        self.conv1 = nn.Conv2d(cin, width, 7, 2, 3, bias=False)
        self.bn1 = nn.BatchNorm2d(width)
        self.maxpool = nn.MaxPool2d(3, 2, 1)
        widths, strides = [width, 2 * width, 4 * width, 8 * width], [1, 2, 2, 1]
        layers, cin = [], width
        for w, s in zip(widths, strides):
            layers.append(nn.Sequential(Block(cin, w, s), Block(w, w, 1)))
            cin = w
        self.layer1, self.layer2, self.layer3, self.layer4 = layers
        self.out_channels = 8 * width

    def forward(self, x):
        x = self.maxpool(F.relu(self.bn1(self.conv1(x))))
        return self.layer4(self.layer3(self.layer2(self.layer1(x))))


class StageOne(nn.Module):
    def __init__(self, width=64, projection=128):
        super().__init__()
        self.visual, self.audio = Trunk(3, width), Trunk(1, width)
        c = self.visual.out_channels
        self.v_proj = nn.Sequential(nn.Conv2d(c, projection, 1), nn.ReLU(), nn.Conv2d(projection, projection, 1))
        self.a_proj = nn.Sequential(nn.Linear(c, projection), nn.ReLU(), nn.Linear(projection, projection))
        self.conv_av = nn.Conv2d(1, 1, 1, bias=False)
        nn.init.constant_(self.conv_av.weight, 5.0)

    def forward(self, images, logmel):
        a = F.adaptive_max_pool2d(self.audio(logmel), 1).flatten(1)
        a = F.normalize(self.a_proj(a), dim=1).repeat_interleave(2, dim=0)
        v = F.normalize(self.v_proj(self.visual(images)), dim=1)
        return self.conv_av((v * a[:, :, None, None]).sum(1, keepdim=True))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--batch', type=int, default=32, help='matched pairs per batch (2 frames each)')
    parser.add_argument('--size', type=int, default=224)
    parser.add_argument('--steps', type=int, default=3)
    parser.add_argument('--threads', type=int, default=0, help='torch threads (0 = torch default)')
    args = parser.parse_args()
    if args.threads:
        torch.set_num_threads(args.threads)
    torch.manual_seed(0)
    net = StageOne().train()
    optimizer = torch.optim.Adam(net.parameters(), lr=1e-4, weight_decay=1e-4)
    images = torch.randn(2 * args.batch, 3, args.size, args.size)
    audio = torch.randn(args.batch, 1, 201, 64)
    labels = torch.tensor([1.0 if i % 2 == 0 else 0.0 for i in range(2 * args.batch)])

    def step():
        optimizer.zero_grad()
        logits = net(images, audio)
        F.binary_cross_entropy_with_logits(logits.flatten(1).amax(1), labels).backward()
        optimizer.step()

    step()
    start = time.perf_counter()
    for _ in range(args.steps):
        step()
    per_step = (time.perf_counter() - start) / max(1, args.steps)
    peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f'pytorch {torch.__version__}, {torch.get_num_threads()} thread(s), batch {args.batch} pairs, {args.size}^2: '
          f'{per_step * 1000:.0f} ms/step, {2 * args.batch / per_step:.2f} samples/s, peak RSS {peak_mib:.0f} MiB '
          f'({args.steps} timed steps)')


if __name__ == '__main__':
    main()
