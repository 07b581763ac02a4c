using Csol.Silo.Hosting;
using Csol.Tests.Support;
using Microsoft.Extensions.Options;
using Xunit;

namespace Csol.Tests.Platform;

[Trait("Category", "unit")]
public sealed class StartupValidationTests
{
    [Theory]
    [InlineData("Csol:Orleans:SiloPort", "70000", "SiloPort")]
    [InlineData("Csol:Jobs:MaxAttempts", "0", "MaxAttempts")]
    [InlineData("Csol:Scheduler:CpuSlots", "0", "CpuSlots")]
    [InlineData("Csol:Scheduler:Host", "has spaces", "Host")]
    [InlineData("Csol:Jobs:QueuePollIntervalSeconds", "0", "QueuePollIntervalSeconds")]
    [InlineData("Csol:Orleans:ClusterId", "has spaces", "ClusterId")]
    [InlineData("Csol:Checkpoints:KeepBest", "0", "KeepBest")]
    [InlineData("Csol:Notifications:WebhookUrl", "ftp://example.org/hook", "WebhookUrl: expected an absolute http or https URL")]
    public void A_bad_setting_stops_start_up_with_a_message_naming_it(string key, string value, string field)
    {
        using var data = TestPaths.NewTempDirectory("csol-options");
        var error = Assert.Throws<OptionsValidationException>(() => CsolHost.Build([], new Dictionary<string, string?>
        {
            ["Urls"] = $"http://127.0.0.1:{TestPaths.FreePort()}",
            ["Csol:DataDirectory"] = data.Path,
            ["Csol:Orleans:SiloPort"] = TestPaths.FreePort().ToString(),
            ["Csol:Orleans:GatewayPort"] = TestPaths.FreePort().ToString(),
            [key] = value,
        }));

        Assert.Contains(field, OptionsValidation.Describe(error));
    }
}
