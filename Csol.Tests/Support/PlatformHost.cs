using Csol.Abstractions;
using Csol.Abstractions.Services;
using Csol.Silo.Hosting;
using Csol.Silo.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace Csol.Tests.Support;

/// <summary>The real platform host (silo, Hangfire server, SQLite, dashboard) on free ports and a given data folder.</summary>
public sealed class PlatformHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private PlatformHost(WebApplication app, string url)
    {
        _app = app;
        Url = url;
    }

    public string Url { get; }

    public IServiceProvider Services => _app.Services;

    public IExperimentService Experiments => Services.GetRequiredService<IExperimentService>();

    public IGrainFactory Grains => Services.GetRequiredService<IGrainFactory>();

    /// <summary>The admin the fixture created (random password, no secret in code), unless started without one.</summary>
    public TestUser? Admin { get; private set; }

    /// <summary>An HTTP client on the host that sends <paramref name="token"/> (default: the admin's write token).</summary>
    public HttpClient CreateClient(string? token = null)
    {
        var http = new HttpClient { BaseAddress = new Uri(Url) };
        if ((token ?? Admin?.Token) is { } bearer)
            http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", bearer);
        return http;
    }

    /// <summary>Runs the real <c>csol</c> against this host, as the admin (<c>CSOL_TOKEN</c>), with <c>--server</c> appended.</summary>
    public Task<(int ExitCode, string Output)> RunCliAsync(params string[] args) =>
        CsolProcess.RunWithAsync(new Dictionary<string, string?> { ["CSOL_TOKEN"] = Admin?.Token }, null, [.. args, "--server", Url]);

    /// <summary>Adds a user the way the server does (Identity, a random password) with a write-scoped token.</summary>
    public async Task<TestUser> AddUserAsync(string name, string role, string scope = ApiTokenScopes.Write)
    {
        await using var scope_ = Services.CreateAsyncScope();
        var password = TestUser.NewPassword();
        await scope_.ServiceProvider.GetRequiredService<UserAdmin>().CreateAsync(name, role, password);
        var token = await scope_.ServiceProvider.GetRequiredService<ApiTokenService>().CreateAsync(name, "tests", scope, "1d");
        return new TestUser(name, role, password, token.Secret, token.Info.Id);
    }

    /// <param name="settings">Extra settings (e.g. <c>Csol:Notifications:WebhookUrl</c>), applied over the test defaults.</param>
    /// <param name="withAdmin">False starts it as a fresh install: no users, the first-start setup link open.</param>
    public static async Task<PlatformHost> StartAsync(string dataDirectory, string? experimentsDirectory = null,
        IReadOnlyDictionary<string, string?>? settings = null, bool withAdmin = true)
    {
        // A free port is free when it is picked, not when Kestrel binds it: another process of the suite can take it
        // in between (seen once in a clean-clone run), so a lost port is picked again rather than failing the test.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await StartOnFreePortsAsync(dataDirectory, experimentsDirectory, settings, withAdmin);
            }
            catch (IOException error) when (attempt < 3
                && error.InnerException is Microsoft.AspNetCore.Connections.AddressInUseException)
            {
            }
        }
    }

    private static async Task<PlatformHost> StartOnFreePortsAsync(string dataDirectory, string? experimentsDirectory,
        IReadOnlyDictionary<string, string?>? settings, bool withAdmin)
    {
        var port = TestPaths.FreePort();
        var url = $"http://127.0.0.1:{port}";
        var overrides = new Dictionary<string, string?>
        {
            ["Urls"] = url,
            ["Csol:DataDirectory"] = dataDirectory,
            ["Csol:ExperimentsDirectory"] = experimentsDirectory ?? TestPaths.ExperimentsDirectory,
            ["Csol:Orleans:SiloPort"] = TestPaths.FreePort().ToString(),
            ["Csol:Orleans:GatewayPort"] = TestPaths.FreePort().ToString(),
            ["Logging:LogLevel:Default"] = "Warning",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
            overrides[key] = value;
        var app = CsolHost.Build([], overrides);
        try
        {
            await app.StartAsync();
        }
        catch
        {
            // Stops what did start (e.g. the silo) so a retry on the same data folder finds it free.
            await StopQuietlyAsync(app);
            throw;
        }
        var host = new PlatformHost(app, url);
        if (withAdmin)
            host.Admin = await AdminOfAsync(host, dataDirectory);
        return host;
    }

    private static async Task StopQuietlyAsync(WebApplication app)
    {
        try
        {
            await app.StopAsync();
        }
        catch (Exception stopError)
        {
            // The start's error is the one the caller needs; this one only goes to the trace.
            System.Diagnostics.Trace.WriteLine($"stopping a half-started host failed: {stopError.Message}");
        }
        await app.DisposeAsync();
    }

    /// <summary>The fixture's admin, kept beside the data so a restart on the same folder signs in the same one.</summary>
    private static async Task<TestUser> AdminOfAsync(PlatformHost host, string dataDirectory)
    {
        var kept = Path.Combine(dataDirectory, "test-admin.json");
        if (File.Exists(kept))
            return System.Text.Json.JsonSerializer.Deserialize<TestUser>(await File.ReadAllTextAsync(kept))!;
        var admin = await host.AddUserAsync("admin", "admin");
        await File.WriteAllTextAsync(kept, System.Text.Json.JsonSerializer.Serialize(admin));
        return admin;
    }

    /// <summary>Polls the experiment until <paramref name="done"/> holds or the time runs out (then fails with its state).</summary>
    public async Task<ExperimentSnapshot> WaitForAsync(Guid id, Func<ExperimentSnapshot, bool> done, TimeSpan timeout)
    {
        var until = DateTime.UtcNow + timeout;
        while (true)
        {
            var snapshot = await Experiments.GetAsync(id) ?? throw new InvalidOperationException($"No experiment {id}");
            if (done(snapshot))
                return snapshot;
            if (DateTime.UtcNow > until)
                throw new TimeoutException(
                    $"Experiment {id} still {snapshot.Status} (step {snapshot.LastStep}/{snapshot.TotalSteps}, error {snapshot.Error}) after "
                    + $"{timeout}");
            await Task.Delay(200);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

/// <summary>A user a test created, with their password and an API token.</summary>
public sealed record TestUser(string Name, string Role, string Password, string Token, Guid TokenId)
{
    public static string NewPassword() => "pw-" + Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(12));
}
