using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using Csol.Grains.Experiments;
using Csol.Silo.Persistence;
using Csol.Silo.Scheduling;
using Orleans.Configuration;
using Orleans.Dashboard;
using Orleans.Runtime.Hosting;

namespace Csol.Silo.Hosting;

public static class SiloExtensions
{
    /// <summary>The silo: localhost clustering on configured ports (one machine), or Redis membership (a cluster of
    /// hosts); grain state in the platform database either way.</summary>
    public static WebApplicationBuilder AddCsolSilo(this WebApplicationBuilder builder)
    {
        var orleans = OptionsValidation.ValidateNow<OrleansOptions>(builder.Configuration, OrleansOptions.Section);
        var scheduler = OptionsValidation.ValidateNow<SchedulerOptions>(builder.Configuration, SchedulerOptions.Section);
        var redis = orleans.IsCluster ? RedisConnection.Require(builder.Configuration) : null;
        builder.Services.AddValidatedOptions<OrleansOptions>(OrleansOptions.Section);
        builder.Services.AddGrainStorage(StorageNames.Platform, (sp, _) => ActivatorUtilities.CreateInstance<EfCoreGrainStorage>(sp));
        builder.UseOrleans(silo =>
        {
            if (redis is null)
                silo.UseLocalhostClustering(orleans.SiloPort, orleans.GatewayPort, serviceId: orleans.ServiceId, clusterId: orleans.ClusterId);
            else
            {
                silo.UseRedisClustering(redis);
                silo.Configure<ClusterOptions>(o => (o.ClusterId, o.ServiceId) = (orleans.ClusterId, orleans.ServiceId));
                silo.ConfigureEndpoints(AdvertisedAddress(orleans), orleans.SiloPort, orleans.GatewayPort, listenOnAnyHostAddress: true);
                // The host name names the silo, so the membership watcher can tell the scheduler whose devices went.
                silo.Configure<SiloOptions>(o => o.SiloName = scheduler.HostName);
                silo.Configure<ClusterMembershipOptions>(o => o.ProbeTimeout = TimeSpan.FromSeconds(orleans.ProbeTimeoutSeconds));
                silo.Services.AddHostedService<ClusterMembershipWatcher>();
            }
            silo.AddDashboard();
        });
        return builder;
    }

    private static IPAddress AdvertisedAddress(OrleansOptions orleans)
    {
        if (orleans.AdvertisedAddress.Length > 0)
            return IPAddress.TryParse(orleans.AdvertisedAddress, out var configured)
                ? configured
                : throw new Microsoft.Extensions.Options.OptionsValidationException("", typeof(OrleansOptions),
                    [$"{OrleansOptions.Section}:AdvertisedAddress: '{orleans.AdvertisedAddress}' is not an IP address"]);
        return NetworkInterface.GetAllNetworkInterfaces()
            .Where(n => n.OperationalStatus == OperationalStatus.Up && n.NetworkInterfaceType != NetworkInterfaceType.Loopback)
            .SelectMany(n => n.GetIPProperties().UnicastAddresses)
            .Select(a => a.Address)
            .FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork) ?? IPAddress.Loopback;
    }
}
