using System.Security.Cryptography;
using System.Text;
using Csol.Learning.Experiments;

namespace Csol.Silo.ExperimentResults.Export;

/// <summary>What identifies "the same experiment with another seed": the config with its seed and its labels
/// (name, group, priority) taken out, after defaults are filled in.</summary>
public static class SeedFingerprint
{
    /// <summary>16 hex digits of the SHA-256 of the normalised config; equal for configs that differ only in seed,
    /// name, group or priority.</summary>
    public static string Of(ExperimentConfig config)
    {
        var neutral = config with { Seed = 0, Name = "", Group = null, Priority = 0 };
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(ExperimentConfigLoader.ToJson(neutral)));
        return Convert.ToHexStringLower(hash)[..16];
    }
}
