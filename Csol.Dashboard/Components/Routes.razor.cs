using Csol.Dashboard.Security;
using Microsoft.AspNetCore.Components;

namespace Csol.Dashboard.Components;

public sealed partial class Routes
{
    /// <summary>The remote address of the request that rendered the page (set by <c>App</c>); kept for the
    /// circuit's audit entries, which are written after that request has ended.</summary>
    [Parameter] public string? SourceAddress { get; set; }

    [Inject] private CircuitAddress Address { get; set; } = null!;

    protected override void OnParametersSet() => Address.Value = SourceAddress ?? Address.Value;
}
