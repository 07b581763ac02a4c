using Csol.Dashboard.Security;
using Csol.Tests.Support;
using Microsoft.Playwright;
using Xunit;

namespace Csol.Tests.Browser;

/// <summary>Sign-in, roles and sign-out in Chromium, against the real host.</summary>
[Trait("Category", "browser")]
public sealed class SignInFlowTests
{
    [Fact]
    public async Task The_setup_link_the_server_prints_creates_the_first_admin_who_then_signs_out_and_in()
    {
        using var data = TestPaths.NewTempDirectory("csol-setup");
        using var server = await CsolProcess.StartServerAsync(data.Path, withAdmin: false);
        var link = await WaitForSetupLinkAsync(server);
        await using var browser = await BrowserSession.StartAsync();
        var page = browser.Page;

        await page.GotoAsync($"{server.Url}/experiments");
        Assert.Contains("/login", page.Url); // nobody gets in without the link

        await page.GotoAsync(link);
        await page.FillAsync("[data-testid='setup-user']", "ada");
        await page.FillAsync("[data-testid='setup-password']", "correct horse battery");
        await page.FillAsync("[data-testid='setup-confirm']", "correct horse battery");
        await page.ClickAsync("[data-testid='setup-submit']");
        await Assertions.Expect(page.Locator("[data-testid='signed-in-as']")).ToHaveTextAsync("ada", new() { Timeout = 30_000 });
        await Assertions.Expect(page.Locator("[data-testid='nav-users']")).ToBeVisibleAsync();
        await browser.ScreenshotAsync("setup-first-admin");

        // The link worked once: it is refused now.
        await using var other = await BrowserSession.StartAsync();
        await other.Page.GotoAsync(link);
        await other.Page.FillAsync("[data-testid='setup-user']", "mallory");
        await other.Page.FillAsync("[data-testid='setup-password']", "another long password");
        await other.Page.FillAsync("[data-testid='setup-confirm']", "another long password");
        await other.Page.ClickAsync("[data-testid='setup-submit']");
        await Assertions.Expect(other.Page.Locator("[data-testid='login-error']")).ToBeVisibleAsync();

        await page.ClickAsync("[data-testid='nav-logout']");
        await page.ClickAsync("[data-testid='logout-submit']");
        await Assertions.Expect(page.Locator("[data-testid='signed-out']")).ToBeVisibleAsync();
        await page.GotoAsync($"{server.Url}/queue");
        Assert.Contains("/login", page.Url);

        await browser.SignInAsync(server.Url, "ada", "correct horse battery", "/queue");
        Assert.EndsWith("/queue", page.Url);
        await Assertions.Expect(page.Locator("[data-testid='signed-in-as']")).ToHaveTextAsync("ada");

        // A wrong password keeps the user out and says so.
        await using var third = await BrowserSession.StartAsync();
        await third.Page.GotoAsync($"{server.Url}/login");
        await third.Page.FillAsync("[data-testid='login-user']", "ada");
        await third.Page.FillAsync("[data-testid='login-password']", "wrong password!");
        await third.Page.ClickAsync("[data-testid='login-submit']");
        await Assertions.Expect(third.Page.Locator("[data-testid='login-error']")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task A_viewer_sees_no_queue_controls_and_a_researcher_cannot_cancel_someone_elses_run()
    {
        using var data = TestPaths.NewTempDirectory("csol-roles");
        await using var host =
            await PlatformHost.StartAsync(data.Path, settings: new Dictionary<string, string?> { ["Csol:Scheduler:CpuSlots"] = "1" });
        var rita = await host.AddUserAsync("rita", CsolRoles.Researcher);
        var victor = await host.AddUserAsync("victor", CsolRoles.Viewer);
        // The admin's blocker holds the only slot, so the next two wait in the queue.
        var blocker =
            (await host.Experiments.QueueAsync(TinyConfigs.Probe(steps: 10_000, stepMilliseconds: 50, name: "blocker"), "blocker.json", "admin"))
            .ExperimentId!.Value;
        var admins = (await host.Experiments.QueueAsync(TinyConfigs.Probe(name: "admins-run"), "a.json", "admin")).ExperimentId!.Value;
        var ritas = (await host.Experiments.QueueAsync(TinyConfigs.Probe(name: "ritas-run"), "r.json", "rita")).ExperimentId!.Value;

        await using (var viewer = await BrowserSession.StartAsync())
        {
            await viewer.SignInAsync(host.Url, victor.Name, victor.Password, "/queue");
            await Assertions.Expect(viewer.Page.Locator("[data-testid='waiting-row']")).ToHaveCountAsync(2, new() { Timeout = 30_000 });
            Assert.Equal(0, await viewer.Page.Locator("[data-testid='cancel']").CountAsync());
            Assert.Equal(0, await viewer.Page.Locator("[data-testid='move-up']").CountAsync());
            Assert.Equal(0, await viewer.Page.Locator("[data-testid='move-down']").CountAsync());
            Assert.Equal(0, await viewer.Page.Locator("[data-testid='nav-new']").CountAsync());
            await viewer.Page.GotoAsync($"{host.Url}/experiments/{blocker}");
            await Assertions.Expect(viewer.Page.Locator("[data-testid='owner']")).ToHaveTextAsync("admin");
            Assert.Equal(0, await viewer.Page.Locator("[data-testid='cancel']").CountAsync());
            await viewer.ScreenshotAsync("viewer-queue");
        }

        await using var researcher = await BrowserSession.StartAsync();
        await researcher.SignInAsync(host.Url, rita.Name, rita.Password, "/queue");
        await Assertions.Expect(researcher.Page.Locator("[data-testid='waiting-row']")).ToHaveCountAsync(2, new() { Timeout = 30_000 });
        // One set of controls: on her own run only.
        await Assertions.Expect(researcher.Page.Locator("[data-testid='cancel']")).ToHaveCountAsync(1);
        var own = researcher.Page.Locator("[data-testid='waiting-row']", new() { HasText = "ritas-run" });
        await Assertions.Expect(own.Locator("[data-testid='cancel']")).ToHaveCountAsync(1);
        await researcher.Page.GotoAsync($"{host.Url}/experiments/{admins}");
        await Assertions.Expect(researcher.Page.Locator("[data-testid='owner']")).ToHaveTextAsync("admin");
        Assert.Equal(0, await researcher.Page.Locator("[data-testid='cancel']").CountAsync());

        // Nor through the API, with her token: 403, audited, and the run still waits.
        using var http = host.CreateClient(rita.Token);
        var refused = await http.PostAsync($"/api/experiments/{admins}/cancel", null);
        Assert.Equal(System.Net.HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal(Csol.Abstractions.ExperimentStatus.Queued, (await host.Experiments.GetAsync(admins))!.Status);
        var audit = await Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions
            .GetRequiredService<Csol.Abstractions.Services.IAuditTrail>(host.Services).ReadAsync(50, "experiment.cancel");
        Assert.Contains(audit, e => e.Actor == "rita" && e.Outcome == "denied" && e.Target == $"experiment {admins}");

        // Her own run she can cancel, from its page.
        await researcher.Page.GotoAsync($"{host.Url}/experiments/{ritas}");
        // A click before the circuit is live does nothing (the page is prerendered): click again until it cancels.
        var cancel = researcher.Page.Locator("[data-testid='cancel']");
        for (
            var until = DateTime.UtcNow.AddSeconds(60); (
                await host.Experiments.GetAsync(ritas))!.Status != Csol.Abstractions.ExperimentStatus.Cancelled;
             await Task.Delay(1000))
        {
            Assert.True(DateTime.UtcNow < until, "her own run was not cancelled from its page within 60 s");
            if (await cancel.CountAsync() > 0 && await cancel.IsEnabledAsync())
                await cancel.ClickAsync();
        }
        // Audited with the address her browser connected from, though the click ran in the circuit after the request.
        var cancelled = await Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions
            .GetRequiredService<Csol.Abstractions.Services.IAuditTrail>(host.Services).ReadAsync(50, "experiment.cancel");
        Assert.Contains(cancelled,
            e => e.Actor == "rita" && e.Outcome == "ok" && e.Target == $"experiment {ritas}" && e.SourceAddress == "127.0.0.1");
        await host.Experiments.CancelAsync(blocker);
    }

    private static async Task<string> WaitForSetupLinkAsync(ServerProcess server)
    {
        var until = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var line = server.Output.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.Contains("/setup?token=", StringComparison.Ordinal));
            if (line is not null)
                return line;
            Assert.True(DateTime.UtcNow < until, $"no setup link printed: {server.Output}");
            await Task.Delay(200);
        }
    }
}
