using System.Text.Json;

namespace Csol.Silo.Cli;

/// <summary>What <c>csol login</c> stores: one API token per server, in a file only its owner can read (mode 0600).
/// <c>CSOL_TOKEN</c>, when set, wins over the file.</summary>
internal static class CliCredentials
{
    public const string TokenVariable = "CSOL_TOKEN";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    /// <summary><c>$CSOL_CREDENTIALS</c>, else <c>$XDG_CONFIG_HOME/csol/credentials.json</c>, else <c>~/.config/csol/credentials.json</c>.</summary>
    public static string FilePath =>
        Environment.GetEnvironmentVariable("CSOL_CREDENTIALS") is { Length: > 0 } path
            ? Path.GetFullPath(path)
            : Path.Combine(Environment.GetEnvironmentVariable("XDG_CONFIG_HOME") is { Length: > 0 } xdg
                ? xdg
                : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".config"), "csol", "credentials.json");

    public static string? TokenFor(Uri server) =>
        Environment.GetEnvironmentVariable(TokenVariable) is { Length: > 0 } token ? token.Trim() : Read().GetValueOrDefault(Key(server))?.Token;

    public static void Save(Uri server, ServerCredentials credentials)
    {
        var all = Read();
        all[Key(server)] = credentials;
        var path = FilePath;
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temporary = path + ".tmp";
        var mode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        // Created 0600 before the token is written, then moved over the old file: never readable by others, never half-written.
        using (var stream = OperatingSystem.IsWindows()
                   ? new FileStream(temporary, FileMode.Create, FileAccess.Write)
                   : new FileStream(temporary, new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write, UnixCreateMode = mode }))
        {
            if (!OperatingSystem.IsWindows())
                File.SetUnixFileMode(stream.SafeFileHandle, mode); // an old .tmp keeps its mode otherwise
            JsonSerializer.Serialize(stream, all, Json);
        }
        File.Move(temporary, path, overwrite: true);
    }

    private static Dictionary<string, ServerCredentials> Read()
    {
        var path = FilePath;
        if (!File.Exists(path))
            return [];
        try
        {
            return JsonSerializer.Deserialize<Dictionary<string, ServerCredentials>>(File.ReadAllText(path), Json) ?? [];
        }
        catch (JsonException e)
        {
            throw new InvalidOperationException($"{path}: not a credentials file ({e.Message}); delete it and run csol login again.");
        }
    }

    /// <summary>Scheme, host and port: the same server whether written with a trailing slash or not.</summary>
    private static string Key(Uri server) => server.GetLeftPart(UriPartial.Authority).ToLowerInvariant();
}

internal sealed record ServerCredentials(string Token, string UserName, DateTimeOffset ExpiresAt);
