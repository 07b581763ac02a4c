using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Csol.Silo.Hosting;

/// <summary>The Redis configuration string of <c>ConnectionStrings:Redis</c>, checked at start-up.</summary>
public static class RedisConnection
{
    public static string Require(IConfiguration configuration)
    {
        var value = configuration[OrleansOptions.RedisConnectionSetting];
        if (string.IsNullOrWhiteSpace(value))
            throw Invalid("is required when Csol:Orleans:Clustering is 'redis' (e.g. redis.lab:6379 or redis.lab:6379,password=…)");
        try
        {
            _ = ConfigurationOptions.Parse(value);
        }
        catch (ArgumentException e)
        {
            throw Invalid($"is not a Redis configuration string: {e.Message}");
        }
        return value;
    }

    /// <summary>The endpoints only, for messages: never the password.</summary>
    public static string Address(string configuration) =>
        string.Join(",", ConfigurationOptions.Parse(configuration).EndPoints.Select(EndPointCollection.ToString));

    private static OptionsValidationException Invalid(string problem) =>
        new(Options.DefaultName, typeof(OrleansOptions), [$"{OrleansOptions.RedisConnectionSetting}: {problem}"]);
}
