namespace Csol.Dashboard.Security;

/// <summary>The address the signed-in browser connects from, for the audit entries of what it does on the dashboard.</summary>
/// <remarks>A page's event handlers run in the circuit, after the HTTP request that opened it has ended, so the
/// request's remote address is gone by then. <c>App</c> reads it while rendering that request (after the
/// host's forwarded-headers handling) and hands it to <c>Routes</c>, which stores it here, one per circuit.</remarks>
public sealed class CircuitAddress
{
    public string? Value { get; set; }
}
