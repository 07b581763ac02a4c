using System.Text.Json;
using System.Text.Json.Serialization;

namespace Csol.Learning;

/// <summary>The JSON options the platform's files and records use, in one place. Shared instances: System.Text.Json
/// caches type metadata per options object, and they are read-only once first used.</summary>
public static class CsolJson
{
    /// <summary>Files people read (manifests, results, matchings): camelCase, indented.</summary>
    public static readonly JsonSerializerOptions Document = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    /// <summary><see cref="Document"/> that may hold NaN or infinities (a diverged loss).</summary>
    public static readonly JsonSerializerOptions DocumentWithNaN = new(Document)
    {
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    /// <summary>Compact camelCase that may hold NaN or infinities (per-image maps, webhook bodies).</summary>
    public static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web)
    {
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    /// <summary>Stored records and grain state: property names as declared; a NaN must be stored, not crash the writer.</summary>
    public static readonly JsonSerializerOptions Record = new()
    {
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    /// <summary>Indented, names as given (JSON trees re-written for people, e.g. expanded sweep configs).</summary>
    public static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };
}
