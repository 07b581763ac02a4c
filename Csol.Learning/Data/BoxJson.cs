using System.Text.Json;
using Csol.Learning.Data.Music;

namespace Csol.Learning.Data;

/// <summary>The <c>[x, y, w, h]</c> arrays of the reference annotation files, written one way for every writer.</summary>
internal static class BoxJson
{
    /// <summary>A <c>normbox</c>: fractions of the frame.</summary>
    public static void Write(Utf8JsonWriter json, string name, NormalizedBox box)
    {
        json.WriteStartArray(name);
        foreach (var value in (ReadOnlySpan<double>)[box.X, box.Y, box.Width, box.Height])
            json.WriteNumberValue(value);
        json.WriteEndArray();
    }

    /// <summary>A pixel <c>box</c>: the reference writes ints, so these stay ints.</summary>
    public static void Write(Utf8JsonWriter json, string name, PixelBox box)
    {
        json.WriteStartArray(name);
        foreach (var value in (ReadOnlySpan<int>)[box.X, box.Y, box.Width, box.Height])
            json.WriteNumberValue(value);
        json.WriteEndArray();
    }
}
