using Csol.Tests.Support;
using Xunit;

namespace Csol.Tests.Platform.Cluster;

/// <summary>Start-up refusals of the cluster hosts: a clear message and an exit code, never a stack trace.</summary>
[Trait("Category", "host")]
public sealed class ClusterStartupTests
{
    [Fact]
    public async Task A_worker_asking_for_a_CUDA_device_this_machine_lacks_is_refused_with_the_reason()
    {
        using var data = TestPaths.NewTempDirectory("csol-nodevice");
        var (exit, output) =
            await CsolProcess.RunAsync("worker", "--devices", "cuda:0,cuda:1", "--data-dir", data.Path, "--Csol:Scheduler:Host=nogpu");
        Assert.Equal(4, exit);
        Assert.Contains("cuda:", output);
        Assert.Contains("CUDA device", output);
        Assert.DoesNotContain("   at ", output);
    }

    [Fact]
    public async Task A_worker_outside_a_cluster_configuration_is_refused()
    {
        using var data = TestPaths.NewTempDirectory("csol-noworker");
        var (exit, output) = await CsolProcess.RunAsync("worker", "--devices", "cpu:1", "--data-dir", data.Path);
        Assert.Equal(2, exit);
        Assert.Contains("Csol:Orleans:Clustering=redis", output);
        Assert.DoesNotContain("   at ", output);
    }

    [Theory]
    [InlineData("postgres")]
    [InlineData("redis")]
    public async Task An_unreachable_server_at_start_names_the_setting_and_the_address(string server)
    {
        using var data = TestPaths.NewTempDirectory("csol-unreachable");
        var closed = TestPaths.FreePort(); // nobody listens there
        string[] settings = server == "postgres"
            ? ["--Csol:Database:Provider=postgres",
                $"--ConnectionStrings:Platform=Host=127.0.0.1;Port={closed};Database=csol;Username=csol;Password=secret-not-shown"]
            : ["--Csol:Orleans:Clustering=redis", $"--ConnectionStrings:Redis=127.0.0.1:{closed},password=secret-not-shown"];
        var (exit, output) =
            await CsolProcess.RunAsync(["serve", "--data-dir", data.Path, "--urls", $"http://127.0.0.1:{TestPaths.FreePort()}", .. settings]);
        Assert.Equal(3, exit);
        Assert.Contains(server == "postgres" ? "ConnectionStrings:Platform" : "ConnectionStrings:Redis", output);
        Assert.Contains($"127.0.0.1:{closed}", output);
        Assert.DoesNotContain("secret-not-shown", output);
        Assert.DoesNotContain("   at ", output);
    }
}
