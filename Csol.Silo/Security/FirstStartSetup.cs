using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace Csol.Silo.Security;

/// <summary>With no users yet, a one-time secret that lets whoever holds it create the first admin, printed to the
/// server's console as a link (as Jupyter prints its token). It lives in memory only: a restart prints a new one, and
/// it is gone once the first admin exists.</summary>
public sealed class FirstStartSetup
{
    private readonly Lock _lock = new();
    private string? _secret;

    /// <summary>The link's path and query, while setup is open.</summary>
    public string? Path { get { lock (_lock) return _secret is null ? null : $"/setup?token={_secret}"; } }

    /// <summary>The full link printed at start (null before the server listens or once setup is done).</summary>
    public string? Link { get; internal set; }

    internal void Open()
    {
        lock (_lock)
            _secret ??= Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
    }

    public bool IsValid(string? secret)
    {
        lock (_lock)
            return _secret is not null && secret is not null &&
                   CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(_secret));
    }

    /// <summary>Closes setup for good (the first admin exists).</summary>
    internal void Close()
    {
        lock (_lock)
        {
            _secret = null;
            Link = null;
        }
    }
}

/// <summary>Opens <see cref="FirstStartSetup"/> when the database has no user, and prints the link once listening.</summary>
internal sealed class FirstStartAnnouncer(
    FirstStartSetup setup, IServiceScopeFactory scopes, IHostApplicationLifetime lifetime, IServer server, IOptions<SecurityOptions> options)
    : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using (var scope = scopes.CreateAsyncScope())
            if (await scope.ServiceProvider.GetRequiredService<UserAdmin>().AnyUsersAsync())
                return;
        setup.Open();
        lifetime.ApplicationStarted.Register(Announce);
    }

    private void Announce()
    {
        var baseUrl = options.Value.PublicUrl is { Length: > 0 } configured
            ? configured
            : server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault() ?? "http://127.0.0.1:5080";
        if (setup.Path is not { } path)
            return;
        setup.Link = baseUrl.TrimEnd('/') + path;
        // The console, not the log: the link is a secret and log files are kept and shipped.
        Console.Out.WriteLine();
        Console.Out.WriteLine("    No users yet. To create the first admin, open this link (it works once, until the server restarts):");
        Console.Out.WriteLine($"        {setup.Link}");
        Console.Out.WriteLine("    or, on this machine: csol user add NAME --role admin");
        Console.Out.WriteLine();
        Console.Out.Flush();
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
