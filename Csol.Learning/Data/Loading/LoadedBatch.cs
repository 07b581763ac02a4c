using TorchSharp;

namespace Csol.Learning.Data.Loading;

/// <summary>A decoded batch in managed arrays; made into tensors on the consumer's thread (inside its dispose scope).</summary>
internal sealed class LoadedBatch(int capacity, int size)
{
    private readonly int audioLength = 201 * 64;
    private readonly int imageLength = 3 * size * size;
    private readonly float[] audio = new float[capacity * 201 * 64];
    private readonly float[] images = new float[2 * capacity * 3 * size * size];

    public int Pairs { get; private set; }

    public List<string> Problems { get; } = [];

    public void Add(float[] logMel, float[] positive, float[] negative)
    {
        logMel.CopyTo(audio, Pairs * audioLength);
        positive.CopyTo(images, 2 * Pairs * imageLength);
        negative.CopyTo(images, (2 * Pairs + 1) * imageLength);
        Pairs++;
    }

    public CorrespondenceBatch ToTensors(torch.Device device)
    {
        var labels = new float[2 * Pairs];
        for (var i = 0; i < Pairs; i++)
            labels[2 * i] = 1;
        return new CorrespondenceBatch(
            torch.tensor(audio.AsSpan(0, Pairs * audioLength).ToArray(), [Pairs, 1, 201, 64], device: device),
            torch.tensor(images.AsSpan(0, 2 * Pairs * imageLength).ToArray(), [2 * Pairs, 3, size, size], device: device),
            torch.tensor(labels, device: device),
            []);
    }
}
