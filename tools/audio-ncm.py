#!/usr/bin/env python3
"""Is the audio class identifiable across videos? Nearest-class-mean on log-mel statistics of a MUSIC-layout build.

Each 1-s clip (audio_frames/<video>/SSS.npy, float32 (201, 64)) becomes its per-band mean and std over time (128
numbers). Class means come from the training split's clips; every clip of the test split is given the class of the
nearest mean (Euclidean, bands standardised on the training clips). Prints accuracy against chance (1 / classes).
Plain Python (no numpy), so it runs wherever the build does.

usage: tools/audio-ncm.py DATA_DIR [TRAIN_SPLIT] [TEST_SPLIT]   (defaults solo/solo_training_1.txt solo/solo_testing.txt)
"""
import json, math, os, struct, sys

def read_npy(path):
    with open(path, 'rb') as f:
        data = f.read()
    header_len = struct.unpack('<H', data[8:10])[0] if data[6] == 1 else struct.unpack('<I', data[8:12])[0]
    start = (10 if data[6] == 1 else 12) + header_len
    header = data[start - header_len:start].decode('latin1')
    assert "'<f4'" in header and "(201, 64)" in header, f"{path}: {header}"
    return struct.unpack('<%df' % (201 * 64), data[start:start + 4 * 201 * 64])

def features(path):
    v = read_npy(path)
    out = []
    for b in range(64):
        col = v[b::64]
        m = sum(col) / len(col)
        out.append(m)
        out.append(math.sqrt(sum((x - m) ** 2 for x in col) / len(col)))
    return out

def videos(root, split):
    with open(os.path.join(root, split)) as f:
        return [line.split()[0].rsplit('.', 1)[0] for line in f if line.strip()]

def main():
    root = sys.argv[1]
    train_split = sys.argv[2] if len(sys.argv) > 2 else 'solo/solo_training_1.txt'
    test_split = sys.argv[3] if len(sys.argv) > 3 else 'solo/solo_testing.txt'
    lists = json.load(open(os.path.join(root, 'MUSIC_label', 'MUSIC_solo_videos.json')))['videos']
    class_of = {yt: c for c, ids in lists.items() for yt in ids}
    def clips(split):
        for video in videos(root, split):
            folder = os.path.join(root, 'audio_frames', video)
            for name in sorted(os.listdir(folder)):
                yield class_of[video.rsplit('_0_', 1)[0]], features(os.path.join(folder, name))
    train, test = list(clips(train_split)), list(clips(test_split))
    dims = len(train[0][1])
    mean = [sum(f[d] for _, f in train) / len(train) for d in range(dims)]
    std = [math.sqrt(sum((f[d] - mean[d]) ** 2 for _, f in train) / len(train)) or 1 for d in range(dims)]
    z = lambda f: [(f[d] - mean[d]) / std[d] for d in range(dims)]
    sums, counts = {}, {}
    for c, f in train:
        zf = z(f)
        sums[c] = [a + b for a, b in zip(sums.get(c, [0] * dims), zf)]
        counts[c] = counts.get(c, 0) + 1
    means = {c: [x / counts[c] for x in s] for c, s in sums.items()}
    correct = 0
    for c, f in test:
        zf = z(f)
        guess = min(means, key=lambda k: sum((a - b) ** 2 for a, b in zip(zf, means[k])))
        correct += guess == c
    print(f"{root}: nearest class mean, {len(train)} training clips ({len(means)} classes) -> {len(test)} test clips: "
          f"accuracy {correct / len(test):.3f} (chance {1 / len(means):.3f})")

main()
