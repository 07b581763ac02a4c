using System.Net.Sockets;
using Csol.Silo.Web;
using Npgsql;
using Orleans.Runtime;
using Xunit;

namespace Csol.Tests.Api;

/// <summary>Which failures the API answers with 503 + Retry-After (a server is away) rather than 500 (a bug). The real
/// outages are in ServerOutageTests (PostgreSQL stopped) and ClusterTests (a silo killed).</summary>
[Trait("Category", "unit")]
public sealed class ServerUnavailableTests
{
    [Fact]
    public void A_refused_database_connection_names_the_setting()
    {
        var refused = new NpgsqlException("Failed to connect to 127.0.0.1:5432", new SocketException((int)SocketError.ConnectionRefused));
        var detail = ServerUnavailableHandler.Classify(refused);
        Assert.Equal("The platform database (ConnectionStrings:Platform) is unreachable.", detail);
    }

    [Fact]
    public void A_database_error_wrapped_by_ef_core_or_a_grain_call_is_found_inside()
    {
        var wrapped = new InvalidOperationException("An exception has been raised that is likely due to a transient failure.",
            new NpgsqlException("Exception while reading from stream", new IOException("connection reset")));
        Assert.NotNull(ServerUnavailableHandler.Classify(wrapped));
    }

    [Fact]
    public void A_dead_silo_is_a_cluster_host_away()
    {
        var detail = ServerUnavailableHandler.Classify(new SiloUnavailableException("The target silo became unavailable"));
        Assert.StartsWith("A host of the cluster", detail);
    }

    [Fact]
    public void Other_failures_stay_500s()
    {
        Assert.Null(ServerUnavailableHandler.Classify(new InvalidOperationException("a bug")));
        Assert.Null(ServerUnavailableHandler.Classify(new NpgsqlException("syntax error at or near \"SELEC\"")));
    }
}
