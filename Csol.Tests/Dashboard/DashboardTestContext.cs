using Bunit;
using Microsoft.AspNetCore.Components;
using MudBlazor;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;
using Csol.Dashboard.Security;

namespace Csol.Tests.Dashboard;

internal static class DashboardTestContext
{
    /// <summary>MudBlazor's services, with its JavaScript calls answered by bUnit's loose JS runtime.</summary>
    public static BunitContext AddMud(this BunitContext ctx)
    {
        ctx.JSInterop.Mode = JSRuntimeMode.Loose;
        ctx.Services.AddMudServices();
        // Pages render as an admin, who sees every control; what other roles see is tested on the real host.
        ctx.AddAuthorization().SetAuthorized("admin").SetRoles(CsolRoles.Admin)
            .SetPolicies(CsolPolicies.Read, CsolPolicies.Write, CsolPolicies.Admin, CsolPolicies.ManageExperiment);
        return ctx;
    }

    /// <summary>The input element of a MudBlazor field, whether the test id landed on the input or on its wrapper.</summary>
    public static AngleSharp.Dom.IElement InputOf<T>(this IRenderedComponent<T> page, string testId) where T : IComponent
    {
        var element = page.Find($"[data-testid='{testId}']");
        return element.TagName == "INPUT" ? element : element.QuerySelector("input")
            ?? throw new InvalidOperationException($"no input under {testId}");
    }

    /// <summary>Renders a page after the popover host MudBlazor's selects need (register services before this).</summary>
    public static IRenderedComponent<T> RenderPage<T>(this BunitContext ctx) where T : IComponent
    {
        // As in the browser once the circuit is live (pages disable controls while prerendered).
        ctx.SetRendererInfo(new RendererInfo("Server", isInteractive: true));
        ctx.Render<MudPopoverProvider>();
        return ctx.Render<T>();
    }
}
