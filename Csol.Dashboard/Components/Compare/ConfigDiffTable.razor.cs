using System.Globalization;
using Csol.Abstractions;
using Csol.Abstractions.Services;
using Csol.Dashboard.Security;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace Csol.Dashboard.Components.Compare;

public sealed partial class ConfigDiffTable
{
    private IReadOnlyList<ConfigDiffRow> _rows = [];

    /// <summary>Column headers, one per config.</summary>
    [Parameter] public IReadOnlyList<string> Labels { get; set; } = [];

    /// <summary>The configs as JSON, in the order of <see cref="Labels"/>.</summary>
    [Parameter] public IReadOnlyList<string> Configs { get; set; } = [];

    protected override void OnParametersSet() => _rows = ConfigDiff.Compare(Configs);
}
