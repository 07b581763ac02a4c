using Csol.Dashboard.Security;
using Csol.Abstractions.Services;
using Csol.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Csol.Tests.Security;

/// <summary>The real <c>csol</c> against the real host: login, token create, queue with the token, revoke.</summary>
[Trait("Category", "host")]
public sealed class CliAuthTests
{
    [Fact]
    public async Task Login_stores_a_private_token_that_creates_a_ci_token_which_queues_until_revoked()
    {
        using var data = TestPaths.NewTempDirectory("csol-cli-auth");
        await using var host =
            await PlatformHost.StartAsync(data.Path, settings: new Dictionary<string, string?> { ["Csol:Scheduler:CpuSlots"] = "1" });
        var rita = await host.AddUserAsync("rita", CsolRoles.Researcher);
        var credentials = Path.Combine(data.Path, "home", "credentials.json");
        var asRita = new Dictionary<string, string?> { ["CSOL_CREDENTIALS"] = credentials };
        var config = Path.Combine(data.Path, "probe.json");
        await File.WriteAllTextAsync(config, TinyConfigs.Probe(name: "ci-run"));

        var (badExit, badOutput) =
            await CsolProcess.RunWithAsync(asRita, "not her password", "login", "--user", "rita", "--password-stdin", "--server", host.Url);
        Assert.Equal(4, badExit);
        Assert.Contains("Wrong user name or password", badOutput);
        Assert.False(File.Exists(credentials));

        var (loginExit, loginOutput) =
            await CsolProcess.RunWithAsync(asRita, rita.Password, "login", "--user", "rita", "--password-stdin", "--server", host.Url);
        Assert.True(loginExit == 0, loginOutput);
        if (!OperatingSystem.IsWindows())
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(credentials));
        Assert.Contains("csol_", await File.ReadAllTextAsync(credentials));

        var (createExit, createOutput) = await CsolProcess.RunWithAsync(asRita, null,
            "token", "create", "--name", "ci", "--scope", "write", "--expires", "30d", "--server", host.Url);
        Assert.True(createExit == 0, createOutput);
        var ci = createOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries).Last().Trim();
        Assert.StartsWith("csol_", ci);

        // CI has no credentials file, only the token.
        var asCi = new Dictionary<string, string?> { ["CSOL_TOKEN"] = ci };
        var (queueExit, queueOutput) = await CsolProcess.RunWithAsync(asCi, null, "queue", config, "--server", host.Url);
        Assert.True(queueExit == 0, queueOutput);
        var id = Guid.Parse(queueOutput.Split("Queued ")[1][..36]);
        Assert.Equal("rita", (await host.Experiments.GetAsync(id))!.Owner);

        await using (var scope = host.Services.CreateAsyncScope())
        {
            var tokens = await scope.ServiceProvider.GetRequiredService<IApiTokenService>().ListAsync("rita");
            var stored = tokens.Single(t => t.Name == "ci");
            Assert.Equal("write", stored.Scope);
            var (listExit, listOutput) = await CsolProcess.RunWithAsync(asRita, null, "token", "list", "--server", host.Url);
            Assert.True(listExit == 0, listOutput);
            Assert.Contains(stored.Id.ToString(), listOutput);
            Assert.DoesNotContain(ci, listOutput); // shown once, never listed

            var (revokeExit, revokeOutput) =
                await CsolProcess.RunWithAsync(asRita, null, "token", "revoke", stored.Id.ToString(), "--server", host.Url);
            Assert.True(revokeExit == 0, revokeOutput);
        }

        var before = (await host.Experiments.ListAsync()).Count;
        var (refusedExit, refusedOutput) = await CsolProcess.RunWithAsync(asCi, null, "queue", config, "--server", host.Url);
        Assert.Equal(4, refusedExit);
        Assert.Contains("csol login", refusedOutput);
        Assert.Equal(before, (await host.Experiments.ListAsync()).Count);
        var audit = await host.Services.GetRequiredService<IAuditTrail>().ReadAsync(200);
        Assert.Contains(audit, e => e.Action == "token.refused" && e.Detail == "revoked token" && e.Actor == "rita");
        Assert.Contains(audit, e => e.Action == "token.revoke" && e.Actor == "rita" && e.Outcome == "ok");
        Assert.Contains(audit, e => e.Action == "experiment.queue" && e.Actor == "rita" && e.Target == $"experiment {id}");
        Assert.Contains(audit, e => e.Action == "sign-in" && e.Actor == "rita" && e.Outcome == "failed");
        await host.Experiments.CancelAsync(id);
    }

    [Fact]
    public async Task User_add_on_the_server_machine_creates_an_admin_without_a_default_password()
    {
        using var data = TestPaths.NewTempDirectory("csol-user-add");
        var (exit, output) =
            await CsolProcess.RunAsync("user", "add", "root", "--role", "admin", "--data-dir", data.Path, "--server", "http://127.0.0.1:5080");
        Assert.True(exit == 0, output);
        Assert.Contains("http://127.0.0.1:5080/setup?user=root&code=", output); // a one-time link, no password
        var (again, againOutput) = await CsolProcess.RunAsync("user", "add", "root", "--role", "viewer", "--data-dir", data.Path);
        Assert.Equal(2, again);
        Assert.Contains("already exists", againOutput);
        var (badRole, _) = await CsolProcess.RunAsync("user", "add", "eve", "--role", "superuser", "--data-dir", data.Path);
        Assert.NotEqual(0, badRole);

        await using var host = await PlatformHost.StartAsync(data.Path, withAdmin: false);
        await using var scope = host.Services.CreateAsyncScope();
        var users = await scope.ServiceProvider.GetRequiredService<IUserAdmin>().ListAsync();
        var root = Assert.Single(users);
        Assert.Equal(("root", "admin", false), (root.Name, root.Role, root.HasPassword));
    }
}
