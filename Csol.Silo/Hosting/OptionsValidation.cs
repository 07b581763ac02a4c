using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace Csol.Silo.Hosting;

public static class OptionsValidation
{
    /// <summary>Binds a section, validates its data annotations and fails start-up on a bad value.</summary>
    public static OptionsBuilder<T> AddValidatedOptions<T>(this IServiceCollection services, string section) where T : class =>
        services.AddOptions<T>().BindConfiguration(section).ValidateDataAnnotations().ValidateOnStart();

    /// <summary>Binds and validates a section now, before anything is wired from it (ports, storage paths), so a bad
    /// value is reported as itself rather than as whatever breaks later.</summary>
    public static T ValidateNow<T>(IConfiguration configuration, string section) where T : class, new()
    {
        var options = configuration.GetSection(section).Get<T>() ?? new T();
        var results = new List<ValidationResult>();
        if (Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true))
            return options;
        var failures = results.Select(r => $"{section}:{string.Join(",", r.MemberNames)}: {r.ErrorMessage}");
        throw new OptionsValidationException(Options.DefaultName, typeof(T), failures);
    }

    /// <summary>Turns an options failure into lines a user can act on: which setting, what was wrong.</summary>
    public static string Describe(OptionsValidationException exception)
    {
        var lines = exception.Failures.Select(f => $"  - {f}");
        return $"Invalid configuration ({exception.OptionsType.Name}):{Environment.NewLine}{string.Join(Environment.NewLine, lines)}";
    }
}
