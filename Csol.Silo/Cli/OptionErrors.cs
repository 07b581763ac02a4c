using Spectre.Console;

namespace Csol.Silo.Cli;

/// <summary>How a verb reports options it cannot use: each error in red, exit code 2, nothing started.</summary>
internal static class OptionErrors
{
    /// <returns>2 when there were errors (the verb returns it), 0 when there were none.</returns>
    public static int Report(IReadOnlyList<string> errors)
    {
        foreach (var error in errors)
            AnsiConsole.MarkupLine($"[red]{Markup.Escape(error)}[/]");
        return errors.Count > 0 ? 2 : 0;
    }
}
