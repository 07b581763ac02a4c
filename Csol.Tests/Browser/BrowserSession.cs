using Csol.Tests.Support;
using Microsoft.Playwright;

namespace Csol.Tests.Browser;

/// <summary>Debian's Chromium driven by Playwright (no browser download: the system binary is used).</summary>
public sealed class BrowserSession : IAsyncDisposable
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private static readonly string[] Flags =
    [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run",
    ];

    private readonly IPlaywright _playwright;
    private readonly IBrowser _browser;

    private BrowserSession(IPlaywright playwright, IBrowser browser, IPage page)
    {
        _playwright = playwright;
        _browser = browser;
        Page = page;
    }

    public IPage Page { get; }

    /// <summary>Screenshots land here (the test artifacts; CI keeps TestResults/).</summary>
    public static string ScreenshotDirectory => Path.Combine(TestPaths.RepoRoot, "TestResults", "screenshots");

    /// <summary>A browser signed in to <paramref name="host"/> as its admin.</summary>
    public static async Task<BrowserSession> StartAsync(PlatformHost host)
    {
        var session = await StartAsync();
        await session.SignInAsync(host.Url, host.Admin!.Name, host.Admin.Password);
        return session;
    }

    /// <summary>Signs in through the login page, as a user would, and waits to leave it.</summary>
    public async Task SignInAsync(string url, string userName, string password, string returnPath = "/")
    {
        await Page.GotoAsync($"{url}/login?ReturnUrl={Uri.EscapeDataString(returnPath)}");
        await Page.FillAsync("[data-testid='login-user']", userName);
        await Page.FillAsync("[data-testid='login-password']", password);
        await Page.ClickAsync("[data-testid='login-submit']");
        await Page.WaitForURLAsync(u => !u.Contains("/login", StringComparison.Ordinal), new PageWaitForURLOptions { Timeout = 30_000 });
    }

    public static async Task<BrowserSession> StartAsync()
    {
        if (!File.Exists(ChromiumPath))
            throw new InvalidOperationException(
                $"{ChromiumPath} is missing: install Debian's chromium (apt-get install -y chromium), as .ci/run does.");
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = Flags,
        });
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 800 } });
        return new BrowserSession(playwright, browser, page);
    }

    public async Task ScreenshotAsync(string name)
    {
        Directory.CreateDirectory(ScreenshotDirectory);
        await Page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotDirectory, $"{name}.png"), FullPage = true });
    }

    public async ValueTask DisposeAsync()
    {
        await _browser.DisposeAsync();
        _playwright.Dispose();
    }
}
