using System.Net.Sockets;
using Csol.Silo.Persistence;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Npgsql;
using Orleans.Runtime.Messaging;

namespace Csol.Silo.Web;

/// <summary>Turns a request that failed because a server the host needs is away into 503 with <c>Retry-After</c> and a
/// ProblemDetails saying which, instead of a 500: the platform database (the Bearer-token lookup is the first call to
/// meet it), or a silo of the cluster that died and is not yet declared dead (calls to the grains it held fail until
/// membership moves them), or one that did not answer in time. The caller can retry. Only the setting is named, never
/// the address: the answer may go to a caller whose token could not be checked.</summary>
public sealed class ServerUnavailableHandler(IProblemDetailsService problems, ILogger<ServerUnavailableHandler> logger) : IExceptionHandler
{
    /// <summary>What a caller is told to wait: the health probe runs every 2 s, and membership declares a dead silo
    /// within a few probe timeouts.</summary>
    public const int RetryAfterSeconds = 5;

    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        if (Classify(exception) is not { } detail || context.Response.HasStarted)
            return false;
        logger.LogWarning("{Method} {Path} answered 503: {Detail} ({Error}: {Message})", context.Request.Method, context.Request.Path,
            detail, exception.GetType().Name, exception.Message);
        context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        context.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            Exception = exception,
            ProblemDetails = new ProblemDetails
            {
                Status = StatusCodes.Status503ServiceUnavailable,
                Title = "A server the platform needs is unavailable",
                Detail = $"{detail} Try again in {RetryAfterSeconds} s; GET /api/health says when it is back.",
            },
        });
    }

    /// <summary>Why the request could not be served, or null when the error is not an unavailable server.</summary>
    public static string? Classify(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case NpgsqlException { IsTransient: true } or PostgresException { SqlState: "57P01" or "57P02" or "57P03" }:
                    return $"The platform database ({DatabaseOptions.ConnectionStringSetting}) is unreachable.";
                case SiloUnavailableException or ConnectionFailedException or OrleansMessageRejectionException or GatewayTooBusyException:
                    return "A host of the cluster holding this data is unreachable; it is being moved to a live host.";
                case TimeoutException:
                    return "A server the platform needs (a host of the cluster, or the database) did not answer in time.";
                case SocketException:
                    return "A server the platform needs is unreachable.";
            }
        }
        return null;
    }
}
