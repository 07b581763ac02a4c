using System.CommandLine.Parsing;
using System.Globalization;

namespace Csol.Silo.Cli;

/// <summary>Parsers for the ids and numbers verbs take, whose errors name the argument or option and what was expected.
/// System.CommandLine's own messages name the CLR type (<c>System.Nullable`1[System.Guid]</c>), and an optional
/// argument that fails to convert is only noticed when the verb reads it, as an unhandled exception.</summary>
internal static class CliValues
{
    private const string ExampleId = "3f2b5c1e-8d4a-4f6b-9c2e-1a7d0e5b4c3f";

    /// <summary>A required id (experiment, checkpoint, token).</summary>
    public static Guid Id(ArgumentResult result) => OptionalId(result) ?? default;

    /// <summary>An id that may be left out: null without a token.</summary>
    public static Guid? OptionalId(ArgumentResult result)
    {
        if (result.Tokens.Count == 0)
            return null;
        var text = result.Tokens[0].Value;
        if (Guid.TryParse(text, out var id))
            return id;
        result.AddError($"{Name(result)}: expected an id such as {ExampleId}, got '{text}'");
        return null;
    }

    /// <summary>An integer that may be left out.</summary>
    public static int? OptionalInteger(ArgumentResult result)
    {
        if (result.Tokens.Count == 0)
            return null;
        var text = result.Tokens[0].Value;
        if (int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value))
            return value;
        result.AddError($"{Name(result)}: expected a whole number, got '{text}'");
        return null;
    }

    /// <summary>A validator for options holding counts: every value must be at least <paramref name="minimum"/>.</summary>
    public static Action<OptionResult> AtLeast(int minimum) => result =>
    {
        foreach (var token in result.Tokens)
            if (int.TryParse(token.Value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value < minimum)
                result.AddError($"{result.Option.Name}: must be at least {minimum}, got {value}");
    };

    private static string Name(ArgumentResult result) => result.Parent is OptionResult option ? option.Option.Name : $"<{result.Argument.Name}>";
}
