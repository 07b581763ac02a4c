using System.Globalization;
using Csol.Abstractions;
using Csol.Abstractions.Services;
using Csol.Dashboard.Security;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace Csol.Dashboard.Components;

public sealed partial class StatusChip
{
    /// <summary>The status to show. Default: None.</summary>
    [Parameter] public ExperimentStatus Status { get; set; }

    private static Color ColorOf(ExperimentStatus status) => status switch
    {
        ExperimentStatus.Queued => Color.Default,
        ExperimentStatus.Running => Color.Info,
        ExperimentStatus.Completed => Color.Success,
        ExperimentStatus.Failed => Color.Error,
        ExperimentStatus.Cancelled => Color.Warning,
        ExperimentStatus.Deleted => Color.Dark,
        ExperimentStatus.StoppedEarly => Color.Secondary,
        _ => Color.Default,
    };

    private static string Label(ExperimentStatus status) =>
        status == ExperimentStatus.StoppedEarly ? "stopped early" : status.ToString();
}
