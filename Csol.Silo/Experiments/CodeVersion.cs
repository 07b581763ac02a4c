using System.Reflection;

namespace Csol.Silo.Experiments;

/// <summary>The platform build that runs an experiment, recorded in its lineage.</summary>
public static class CodeVersion
{
    /// <summary>The host assembly's informational version (it carries the git commit when the SDK knows it).</summary>
    public static string Current { get; } =
        typeof(CodeVersion).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";
}
