using System.Globalization;
using Csol.Abstractions;
using Csol.Abstractions.Services;
using Csol.Dashboard.Security;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace Csol.Dashboard.Components.Layout;

public sealed partial class ServerHealthBanner
{
    private IReadOnlyList<ServerStatus> _down = [];
    private Timer? _timer;

    // Hosts without health monitoring (and component tests) show no banner.
    [Inject] private OptionalService<IServerHealth> Health { get; set; } = null!;

    protected override void OnInitialized()
    {
        if (Health.Value is not { } health)
            return;
        _down = health.Current.Where(s => !s.Reachable).ToList();
        _timer = new Timer(_ => InvokeAsync(() =>
        {
            var down = health.Current.Where(s => !s.Reachable).ToList();
            if (down.Count == 0 && _down.Count == 0)
                return;
            _down = down;
            StateHasChanged();
        }), null, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(2));
    }

    public void Dispose() => _timer?.Dispose();
}
