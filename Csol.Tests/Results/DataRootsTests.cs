using Csol.Silo.Datasets;
using Csol.Silo.Hosting;
using Csol.Tests.Support;
using Microsoft.Extensions.Options;
using Xunit;

namespace Csol.Tests.Results;

[Trait("Category", "unit")]
[Collection(nameof(DataRootsTests))] // its own collection: runs in parallel
public sealed class DataRootsTests : IDisposable
{
    private readonly TempDirectory _temp = TestPaths.NewTempDirectory("csol-roots");
    private readonly DataRoots _roots;

    public DataRootsTests()
    {
        Directory.CreateDirectory(Root("a/sets/one"));
        Directory.CreateDirectory(Root("b"));
        Directory.CreateDirectory(Root("outside/secret"));
        _roots = new DataRoots(Options.Create(new CsolOptions { DataDirectory = Root("a"), DataRoots = [Root("a"), Root("b")] }));
    }

    private string Root(string relative) => Path.Combine(_temp.Path, relative);

    [Fact]
    public void Relative_and_absolute_paths_inside_a_root_resolve()
    {
        Assert.Equal((Root("a/sets/one"), Root("a")), _roots.Resolve("sets/one"));
        Assert.Equal((Root("a/sets/one"), Root("a")), _roots.Resolve(Root("a/sets/one")));
        Assert.Equal((Root("b"), Root("b")), _roots.Resolve(Root("b")));
    }

    [Fact]
    public void Dot_dot_and_absolute_paths_outside_are_refused_naming_the_path_and_the_roots()
    {
        var up = Assert.Throws<ArgumentException>(() => _roots.Resolve("../outside/secret"));
        var absolute = Assert.Throws<ArgumentException>(() => _roots.Resolve(Root("outside/secret")));

        Assert.Contains("../outside/secret", up.Message);
        Assert.Contains(Root("outside/secret"), absolute.Message);
        Assert.Contains(Root("a"), absolute.Message);
        Assert.Contains(Root("b"), absolute.Message);
    }

    [Fact]
    public void A_symbolic_link_inside_a_root_that_points_outside_is_refused()
    {
        Directory.CreateSymbolicLink(Root("a/escape"), Root("outside"));
        Directory.CreateSymbolicLink(Root("a/alias"), Root("b"));

        var e = Assert.Throws<ArgumentException>(() => _roots.Resolve("escape/secret"));

        Assert.Contains("outside the data roots", e.Message);
        Assert.Equal(Root("b"), _roots.Resolve("alias").RealPath); // a link to another root is fine
        Assert.Null(_roots.Within(Root("a/escape/secret")));
    }

    public void Dispose() => _temp.Dispose();
}
