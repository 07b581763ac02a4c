using Csol.Grains.Experiments;
using Csol.Silo.Persistence;
using Orleans.Dashboard;
using Orleans.Runtime.Hosting;

namespace Csol.Silo.Hosting;

public static class SiloExtensions
{
    /// <summary>The embedded silo: localhost clustering on configured ports, grain state in the platform database.
    /// The distributed mode swaps the clustering call for a membership table; nothing else here changes.</summary>
    public static WebApplicationBuilder AddCsolSilo(this WebApplicationBuilder builder)
    {
        var orleans = OptionsValidation.ValidateNow<OrleansOptions>(builder.Configuration, OrleansOptions.Section);
        builder.Services.AddValidatedOptions<OrleansOptions>(OrleansOptions.Section);
        builder.Services.AddGrainStorage(StorageNames.Platform, (sp, _) => ActivatorUtilities.CreateInstance<EfCoreGrainStorage>(sp));
        builder.UseOrleans(silo =>
        {
            silo.UseLocalhostClustering(orleans.SiloPort, orleans.GatewayPort, serviceId: orleans.ServiceId, clusterId: orleans.ClusterId);
            silo.AddDashboard();
        });
        return builder;
    }
}
