using Csol.Learning;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Csol.Silo.Persistence.ResultRecords;

internal static class ResultJson
{
    // A diverged run's NaN metric must round-trip like any other value.
    public static readonly JsonSerializerOptions Options = CsolJson.Record;

    public static string Write<T>(T value) => JsonSerializer.Serialize(value, Options);

    public static T Read<T>(string json) => JsonSerializer.Deserialize<T>(json, Options)
        ?? throw new InvalidDataException($"Empty {typeof(T).Name} record.");
}
