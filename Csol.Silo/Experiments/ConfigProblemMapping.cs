using Csol.Abstractions.Services;
using Csol.Learning.Experiments;

namespace Csol.Silo.Experiments;

/// <summary>The method library's config errors as the contracts carry them to the dashboard and the API.</summary>
public static class ConfigProblemMapping
{
    public static ConfigProblem ToProblem(this ConfigError error) => new(error.Source, error.Field, error.Message);

    public static IReadOnlyList<ConfigProblem> ToProblems(this IEnumerable<ConfigError> errors) => [.. errors.Select(ToProblem)];
}
