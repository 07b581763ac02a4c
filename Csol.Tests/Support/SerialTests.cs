using Xunit;

namespace Csol.Tests.Support;

/// <summary>The collection of tests that must not run beside others (see AssemblyInfo.cs); xunit runs it alone,
/// after the parallel collections.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class SerialTests
{
    public const string Name = "serial";
}
