using Csol.Learning.Models;
using TorchSharp;
using Xunit;

namespace Csol.Tests.Learning.Models;

[Trait("Category", "unit")]
public sealed class StageTwoLossTests
{
    [Fact]
    public void Consistency_loss_is_the_elementwise_mean_of_KL_audio_to_visual()
    {
        // p_v = softmax(0, 0) = (0.5, 0.5); p_a = softmax(ln 3, 0) = (0.75, 0.25).
        // KL(p_a‖p_v) = 0.75·ln(0.75/0.5) + 0.25·ln(0.25/0.5) = 0.304099 − 0.173287 = 0.130812; mean over K=2 → 0.065406.
        using var visual = torch.tensor(new float[] { 0, 0 }, [1, 2]);
        using var audio = torch.tensor(new[] { (float)Math.Log(3), 0f }, [1, 2]);

        using var loss = CategoryConsistencyLoss.Compute(visual, audio);

        Assert.Equal(0.065406, loss.item<float>(), 5);
    }

    [Fact]
    public void The_other_direction_is_KL_visual_to_audio()
    {
        // KL(p_v‖p_a) = 0.5·ln(0.5/0.75) + 0.5·ln(0.5/0.25) = −0.202733 + 0.346574 = 0.143841; /2 → 0.071921.
        using var visual = torch.tensor(new float[] { 0, 0 }, [1, 2]);
        using var audio = torch.tensor(new[] { (float)Math.Log(3), 0f }, [1, 2]);

        using var loss = CategoryConsistencyLoss.Compute(visual, audio, ConsistencyDirection.VisualToAudio);

        Assert.Equal(0.071921, loss.item<float>(), 5);
    }

    [Fact]
    public void Class_maps_are_dictionary_dot_products_through_the_affine_then_suppressed_by_l()
    {
        // Features (1, C=2, 1×2): pixel 0 = (1, 2), pixel 1 = (3, 0). D = [(1, 0), (0, 1), (1, 1)] (K = 3, not 11).
        // <v, D_k>: pixel 0 → (1, 2, 3), pixel 1 → (3, 0, 3). With α = 2, β = 1: (3, 5, 7) and (7, 1, 7).
        // l = (0.5, 0) suppresses pixel 1 entirely: S = (1.5, 2.5, 3.5) and (0, 0, 0); z = GAP = (0.75, 1.25, 1.75).
        using var features = torch.tensor(new float[] { 1, 3, 2, 0 }, [1, 2, 1, 2]);
        using var dictionary = torch.tensor(new float[] { 1, 0, 0, 1, 1, 1 }, [3, 2]);
        using var l = torch.tensor(new[] { 0.5f, 0f }, [1, 1, 1, 2]);
        using var maps = new ClassAwareObjectMaps(dictionary);
        maps.SetAffine(2, 1);

        using var suppressed = maps.forward(features, l);
        using var z = ClassAwareObjectMaps.VisualLogits(suppressed);

        Assert.Equal([1, 3, 1, 2], suppressed.shape);
        Assert.Equal([1.5f, 0f, 2.5f, 0f, 3.5f, 0f], suppressed.data<float>().ToArray());
        Assert.Equal([0.75f, 1.25f, 1.75f], z.data<float>().ToArray());
    }

    [Fact]
    public void Cosine_class_maps_normalise_features_and_atoms_so_a_long_atom_does_not_win()
    {
        // Pixel 0 = (1, 0), pixel 1 = (0, 2). D = [(10, 10), (1, 0)]: the long atom 0 wins both pixels on raw dot
        // products (10 vs 1, 20 vs 0); with cosines atom 1 wins pixel 0 (1 vs 1/√2) and atom 0 pixel 1 (1/√2 vs 0).
        using var features = torch.tensor(new float[] { 1, 0, 0, 2 }, [1, 2, 1, 2]);
        using var dictionary = torch.tensor(new float[] { 10, 10, 1, 0 }, [2, 2]);
        using var maps = new ClassAwareObjectMaps(dictionary, cosine: true);
        maps.SetAffine(1, 0);

        using var m = maps.ClassMaps(features);

        var v = m.data<float>().ToArray(); // (1, K=2, 1, 2): atom 0 at pixels 0,1 then atom 1 at pixels 0,1
        var r = 1 / MathF.Sqrt(2);
        Assert.Equal(r, v[0], 5);
        Assert.Equal(r, v[1], 5);
        Assert.Equal(1f, v[2], 5);
        Assert.Equal(0f, v[3], 5);
    }
}
