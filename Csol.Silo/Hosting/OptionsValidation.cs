using Microsoft.Extensions.Options;

namespace Csol.Silo.Hosting;

public static class OptionsValidation
{
    /// <summary>Binds a section, validates its data annotations and fails start-up on a bad value.</summary>
    public static OptionsBuilder<T> AddValidatedOptions<T>(this IServiceCollection services, string section) where T : class =>
        services.AddOptions<T>().BindConfiguration(section).ValidateDataAnnotations().ValidateOnStart();

    /// <summary>Turns an options failure into lines a user can act on: which setting, what was wrong.</summary>
    public static string Describe(OptionsValidationException exception)
    {
        var lines = exception.Failures.Select(f => $"  - {f}");
        return $"Invalid configuration in section for {exception.OptionsType.Name}:{Environment.NewLine}{string.Join(Environment.NewLine, lines)}";
    }
}
