using Csol.Silo.Hosting;
using Csol.Silo.Scheduling;
using Microsoft.Extensions.Options;

namespace Csol.Silo.Cli;

/// <summary>Builds and runs a platform host (<c>csol serve</c>, <c>csol worker</c>), turning start-up problems into a
/// message and an exit code rather than a stack trace.</summary>
internal static class HostRunner
{
    public const int BadConfiguration = 2;
    public const int ServerUnreachable = 3;
    public const int DeviceUnavailable = 4;

    /// <param name="check">Role-specific checks on the built host; a message refuses start-up.</param>
    public static async Task<int> RunAsync(string[] args, Dictionary<string, string?> overrides, Func<WebApplication, string?>? check,
        CancellationToken cancellationToken)
    {
        try
        {
            await using var app = CsolHost.Build(args, overrides);
            if (check?.Invoke(app) is { } refusal)
            {
                await Console.Error.WriteLineAsync(refusal);
                return BadConfiguration;
            }
            await ServerPreflight.CheckAsync(app.Configuration, cancellationToken);
            await app.RunAsync(cancellationToken);
            return 0;
        }
        catch (OptionsValidationException e)
        {
            await Console.Error.WriteLineAsync(OptionsValidation.Describe(e));
            return BadConfiguration;
        }
        catch (InvalidOperationException e) when (e.Message.StartsWith("Failed to convert configuration value", StringComparison.Ordinal))
        {
            await Console.Error.WriteLineAsync($"Invalid configuration: {e.Message}");
            return BadConfiguration;
        }
        catch (ServerUnreachableException e)
        {
            await Console.Error.WriteLineAsync($"Cannot start: {e.Message}");
            return ServerUnreachable;
        }
        catch (DeviceUnavailableException e)
        {
            await Console.Error.WriteLineAsync($"Cannot start: {e.Message}");
            return DeviceUnavailable;
        }
    }
}
