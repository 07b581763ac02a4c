using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Csol.Learning.Training;

/// <summary>Adam (Kingma &amp; Ba) with PyTorch's coupled L2 weight decay, as the reference uses (spec §3).</summary>
/// <remarks>Same update as <c>torch.optim.Adam</c>. We do not use TorchSharp's, because its step passes implicitly
/// converted <see cref="Scalar"/>s (β, 1−β, step size) to native code and leaves them to the finalizer, which can free
/// them during the call (the failure we hit in BatchNorm, see <see cref="Models.BatchNorm2dWithoutCounter"/>); here every
/// Scalar is held by a <c>using</c> until the calls that read it have returned.</remarks>
public sealed class AdamOptimizer(IEnumerable<Parameter> parameters, double learningRate, double beta1 = 0.9,
    double beta2 = 0.999, double weightDecay = 0, double epsilon = 1e-8) : IDisposable
{
    private readonly Parameter[] parameters = parameters.ToArray();
    private readonly Dictionary<Parameter, (Tensor Mean, Tensor Variance)> moments = [];
    private long step;

    /// <summary>Step size; settable so one optimizer (one set of moments) can run phases at different rates.</summary>
    public double LearningRate { get; set; } = learningRate;

    public void ZeroGrad()
    {
        foreach (var parameter in parameters)
            parameter.grad?.zero_();
    }

    public void Step()
    {
        step++;
        var biasCorrection1 = 1 - Math.Pow(beta1, step);
        var biasCorrection2 = 1 - Math.Pow(beta2, step);
        using var beta1Scalar = beta1.ToScalar();
        using var oneMinusBeta1 = (1 - beta1).ToScalar();
        using var beta2Scalar = beta2.ToScalar();
        using var oneMinusBeta2 = (1 - beta2).ToScalar();
        using var decay = weightDecay.ToScalar();
        using var epsilonScalar = epsilon.ToScalar();
        using var sqrtBiasCorrection2 = Math.Sqrt(biasCorrection2).ToScalar();
        using var negativeStepSize = (-LearningRate / biasCorrection1).ToScalar();
        using var noGrad = no_grad();

        foreach (var parameter in parameters)
        {
            if (parameter.grad is not { } gradient)
                continue;
            using var scope = NewDisposeScope();
            if (!moments.TryGetValue(parameter, out var moment))
            {
                moment = (zeros_like(parameter).DetachFromDisposeScope(), zeros_like(parameter).DetachFromDisposeScope());
                moments[parameter] = moment;
            }
            var g = weightDecay == 0 ? gradient : gradient.add(parameter, decay);
            moment.Mean.mul_(beta1Scalar).add_(g, oneMinusBeta1);
            moment.Variance.mul_(beta2Scalar).addcmul_(g, g, oneMinusBeta2);
            var denominator = moment.Variance.sqrt().div_(sqrtBiasCorrection2).add_(epsilonScalar);
            parameter.addcdiv_(moment.Mean, denominator, negativeStepSize);
        }
    }

    /// <summary>Completed steps (drives the bias correction, so a resumed optimizer must continue from it).</summary>
    public long StepCount => step;

    /// <summary>Writes the step count and both moments of every parameter, in parameter order (no names: the
    /// optimizer is rebuilt over the same parameters of the same network before <see cref="Load"/>).</summary>
    public void Save(BinaryWriter writer)
    {
        writer.Write(step);
        writer.Write(parameters.Length);
        foreach (var parameter in parameters)
        {
            var has = moments.TryGetValue(parameter, out var moment);
            writer.Write(has);
            if (!has)
                continue;
            WriteTensor(writer, moment.Mean);
            WriteTensor(writer, moment.Variance);
        }
    }

    /// <summary>Restores what <see cref="Save"/> wrote; the parameters must have the same count and shapes.</summary>
    public void Load(BinaryReader reader)
    {
        Dispose();
        step = reader.ReadInt64();
        var count = reader.ReadInt32();
        if (count != parameters.Length)
            throw new InvalidDataException($"optimizer state has {count} parameters, this optimizer {parameters.Length}");
        foreach (var parameter in parameters)
        {
            if (!reader.ReadBoolean())
                continue;
            moments[parameter] = (ReadTensor(reader, parameter), ReadTensor(reader, parameter));
        }
    }

    // Moments are float32 like their parameters; written as raw values so the format does not depend on TorchSharp's.
    private static void WriteTensor(BinaryWriter writer, Tensor tensor)
    {
        using var cpu = tensor.detach().cpu().to_type(ScalarType.Float32).contiguous();
        var values = cpu.data<float>().ToArray();
        writer.Write(values.Length);
        foreach (var value in values)
            writer.Write(value);
    }

    private static Tensor ReadTensor(BinaryReader reader, Parameter like)
    {
        var values = new float[reader.ReadInt32()];
        if (values.Length != like.numel())
            throw new InvalidDataException($"optimizer moment has {values.Length} values, parameter {like.numel()}");
        for (var i = 0; i < values.Length; i++)
            values[i] = reader.ReadSingle();
        return tensor(values, like.shape, device: like.device).DetachFromDisposeScope();
    }

    public void Dispose()
    {
        foreach (var (mean, variance) in moments.Values)
        {
            mean.Dispose();
            variance.Dispose();
        }
        moments.Clear();
    }
}
