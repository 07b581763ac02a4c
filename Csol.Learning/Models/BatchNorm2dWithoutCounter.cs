using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Csol.Learning.Models;

/// <summary>BatchNorm2d with running statistics and fixed momentum 0.1, the same maths as <c>nn.BatchNorm2d</c>.</summary>
/// <remarks>Why not TorchSharp's own: in training mode it bumps <c>num_batches_tracked</c> with
/// <c>add_(1)</c>, whose implicit <see cref="Scalar"/>s are left to the finalizer and can be freed while the native
/// call still uses them. We saw this crash a run after ~100 steps ("For integral input tensors, argument alpha must
/// not be a floating point number"). With a fixed momentum the counter is never read, so we simply do not keep it.</remarks>
public sealed class BatchNorm2dWithoutCounter : Module<Tensor, Tensor>
{
    private const double Momentum = 0.1, Epsilon = 1e-5;

    // Field names equal the registered names so Module.to(device) can swap the moved tensors in.
    private Parameter weight;
    private Parameter bias;
    private Tensor running_mean;
    private Tensor running_var;

    public BatchNorm2dWithoutCounter(long features) : base(nameof(BatchNorm2dWithoutCounter))
    {
        weight = new Parameter(ones(features));
        bias = new Parameter(zeros(features));
        running_mean = zeros(features);
        running_var = ones(features);
        register_parameter(nameof(weight), weight);
        register_parameter(nameof(bias), bias);
        register_buffer(nameof(running_mean), running_mean);
        register_buffer(nameof(running_var), running_var);
    }

    public override Tensor forward(Tensor input)
        => functional.batch_norm(input, running_mean, running_var, weight, bias, training, Momentum, Epsilon);
}
