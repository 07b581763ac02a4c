using Csol.Silo.Storage;
using Csol.Dashboard;
using Csol.Silo.Api;
using Csol.Silo.Artifacts;
using Csol.Abstractions.Services;
using Csol.Silo.Experiments;
using Csol.Silo.Jobs;
using Csol.Silo.Persistence;
using Csol.Silo.ExperimentResults;
using Csol.Silo.Sweeps;
using Csol.Silo.Security;
using Csol.Silo.Web;

namespace Csol.Silo.Hosting;

/// <summary>Builds the one-process platform: silo, job server, database and dashboard.</summary>
public static class CsolHost
{
    /// <param name="args">Command-line configuration (e.g. <c>--Csol:DataDirectory=/srv/csol</c>).</param>
    /// <param name="overrides">Settings applied last (tests use this for ports and folders).</param>
    public static WebApplication Build(string[] args, IReadOnlyDictionary<string, string?>? overrides = null)
    {
        // The application name picks the static-asset manifests (csol.staticwebassets.*.json); it must not follow
        // the entry assembly, which is the test host when tests start the platform in-process.
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            ApplicationName = typeof(CsolHost).Assembly.GetName().Name,
        });
        builder.Configuration.AddCsolSettingsFiles(builder.Environment.EnvironmentName);
        if (overrides is not null)
            builder.Configuration.AddInMemoryCollection(overrides);

        var csol = OptionsValidation.ValidateNow<CsolOptions>(builder.Configuration, CsolOptions.Section);
        OptionsValidation.ValidateNow<JobsOptions>(builder.Configuration, JobsOptions.Section); // Orleans options: in AddCsolSilo
        OptionsValidation.ValidateNow<CheckpointsOptions>(builder.Configuration, CheckpointsOptions.Section);
        OptionsValidation.ValidateNow<NotificationsOptions>(builder.Configuration, NotificationsOptions.Section);

        // Serves MudBlazor's and our static files from the build output too, not only in Development or when published.
        builder.WebHost.UseStaticWebAssets();

        builder.Services.AddValidatedOptions<CsolOptions>(CsolOptions.Section);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddCsolPersistence(builder.Configuration); // first: its migrator runs before anything reads the database
        builder.AddCsolSecurity(csol);
        builder.Services.AddScoped<ExperimentAccess>();
        builder.Services.AddSingleton<SubmittedPaths>();
        builder.Services.AddSingleton<ServerHealthMonitor>();
        builder.Services.AddSingleton<IServerHealth>(sp => sp.GetRequiredService<ServerHealthMonitor>());
        builder.Services.AddHostedService(sp => sp.GetRequiredService<ServerHealthMonitor>());
        builder.AddCsolSilo();
        builder.Services.AddCsolJobs(builder.Configuration);
        builder.Services.AddSingleton<ExperimentService>();
        builder.Services.AddSingleton<IExperimentService>(sp => sp.GetRequiredService<ExperimentService>());
        builder.Services.AddSingleton<IResearchWorkflows, ResearchWorkflows>();
        builder.Services.AddSingleton<SweepService>();
        builder.Services.AddCsolResults();
        builder.Services.AddRunArtifacts();
        builder.Services.AddCsolStorage();
        builder.Services.AddSingleton<IQueueService, QueueService>();
        builder.Services.AddCsolDashboard();
        builder.Services.AddCsolApi();

        var app = builder.Build();
        app.MapCsolEndpoints();
        return app;
    }

    /// <summary>Our settings files live in <c>appsettings/</c> beside the executable. They go first, so the usual
    /// sources (environment variables <c>Csol__…</c>, command line) still override them.</summary>
    internal static void AddCsolSettingsFiles(this ConfigurationManager configuration, string environment)
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "appsettings");
        var sources = (IList<IConfigurationSource>)configuration.Sources;
        var index = 0;
        foreach (var file in new[] { "appsettings.json", $"appsettings.{environment}.json" })
        {
            var path = Path.Combine(folder, file);
            if (!File.Exists(path))
                continue;
            var json = new Microsoft.Extensions.Configuration.Json.JsonConfigurationSource { Path = path, Optional = true, ReloadOnChange = false };
            json.ResolveFileProvider();
            sources.Insert(index++, json);
        }
    }
}
