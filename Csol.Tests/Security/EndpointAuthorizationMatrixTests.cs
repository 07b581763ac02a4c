using System.Net;
using System.Reflection;
using System.Text;
using Csol.Dashboard.Security;
using Csol.Tests.Support;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Endpoints;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Xunit;
using Xunit.Abstractions;

namespace Csol.Tests.Security;

/// <summary>Every endpoint the host maps and every routable page, called as anonymous, viewer, researcher (with a
/// write and with a read token) and admin. A route added without a policy fails here: it names none, or a viewer can
/// write through it.</summary>
[Trait("Category", "host")]
public sealed class EndpointAuthorizationMatrixTests(ITestOutputHelper output)
{
    // Public on purpose: the sign-in, setup and sign-out pages and their form posts, the CLI's sign-in, and health
    // (/api/health names only which setting's server is away: with the database away no credential can be checked).
    private static readonly string[] PublicRoutes =
        ["/login", "/logout", "/setup", "/access-denied", "/account/login", "/account/setup", "/api/auth/token", "/healthz", "/api/health"];

    // Writes a viewer may make: the dashboard's own circuit, and signing out.
    private static readonly string[] ViewerWrites = ["/_blazor", "/account/logout"];

    [Fact]
    public async Task Every_endpoint_and_page_answers_each_role_as_its_policy_says()
    {
        using var data = TestPaths.NewTempDirectory("csol-matrix");
        await using var host = await PlatformHost.StartAsync(data.Path);
        var researcher = await host.AddUserAsync("rita", CsolRoles.Researcher);
        var viewer = await host.AddUserAsync("victor", CsolRoles.Viewer);
        var reader = await host.AddUserAsync("rhea", CsolRoles.Researcher, scope: "read");

        var endpoints = host.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>().ToList();
        var failures = new List<string>();
        var checkedRoutes = 0;
        using var anonymous = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = new Uri(host.Url) };
        var clients = new Dictionary<string, HttpClient>
        {
            ["admin"] = Client(host, host.Admin!.Token), ["researcher"] = Client(host, researcher.Token),
            ["viewer"] = Client(host, viewer.Token), ["read-token"] = Client(host, reader.Token),
        };

        foreach (var endpoint in endpoints)
        {
            var pattern = "/" + (endpoint.RoutePattern.RawText ?? "").TrimStart('/');
            var anonymousAllowed = endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null;
            var policies = endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>().Select(a => a.Policy).OfType<string>().ToHashSet();
            var methods = endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"];
            // MapStaticAssets' fallback for build-output files outside its manifest (static web assets). It carries no
            // metadata of ours; the fallback policy (signed-in users) covers it.
            if (pattern == "/{**path:file}")
                continue;
            if (anonymousAllowed)
            {
                if (!PublicRoutes.Contains(pattern) && !IsStaticFile(pattern))
                    failures.Add($"{pattern}: anonymous access, but not a public route");
                continue;
            }
            var level = policies.Contains(CsolPolicies.Admin) ? CsolPolicies.Admin
                : policies.Contains(CsolPolicies.Write) ? CsolPolicies.Write
                : policies.Contains(CsolPolicies.Read) ? CsolPolicies.Read : null;
            if (level is null)
            {
                failures.Add($"{pattern} ({string.Join(",", methods)}, {endpoint.DisplayName}): names no Csol policy");
                continue;
            }
            foreach (var method in methods.Where(m => m != "HEAD" && m != "OPTIONS").Take(2))
            {
                // A page's POST only reaches a form handler of that page; the dashboard's static forms post to /account.
                var isPage = endpoint.Metadata.GetMetadata<ComponentTypeMetadata>() is not null;
                var isWrite = method is not "GET" && !isPage;
                if (isWrite && level == CsolPolicies.Read && !ViewerWrites.Any(v => pattern.StartsWith(v, StringComparison.Ordinal)))
                    failures.Add($"{method} {pattern}: a write that only needs {level}: viewers could use it");
                var url = Url(pattern);
                checkedRoutes++;

                using (var response = await SendAsync(anonymous, method, url))
                {
                    var api = IsApi(pattern);
                    var ok = api
                        ? response.StatusCode == HttpStatusCode.Unauthorized
                        : response.StatusCode == HttpStatusCode.Redirect
                            && response.Headers.Location?.ToString().Contains("/login", StringComparison.Ordinal) == true;
                    if (!ok)
                        failures.Add(
                            $"anonymous {method} {url}: {(int)response.StatusCode} {response.Headers.Location}, expected "
                            + $"{(api ? "401" : "a redirect to /login")}");
                }
                foreach (var (who, client) in clients)
                {
                    var forbidden = level switch
                    {
                        CsolPolicies.Admin => who != "admin",
                        CsolPolicies.Write => who is "viewer" or "read-token",
                        _ => false,
                    };
                    using var response = await SendAsync(client, method, url);
                    var status = (int)response.StatusCode;
                    // The Orleans dashboard answers 500 for a silo address that does not exist (its own handler).
                    var serverErrorAllowed = pattern.StartsWith("/orleans/", StringComparison.Ordinal);
                    if (forbidden ? status != 403 : status is 401 or 403 || (status >= 500 && !serverErrorAllowed))
                        failures.Add($"{who} {method} {url} ({level}): {status}, expected {(forbidden ? "403" : "neither 401, 403 nor 5xx")}");
                }
            }
        }

        // Pages, from the components themselves: each names a policy or is public on purpose, and has an endpoint.
        var pages = typeof(CsolRoles).Assembly.GetTypes().Where(t => typeof(IComponent).IsAssignableFrom(t))
            .SelectMany(t => t.GetCustomAttributes<RouteAttribute>().Select(r => (Type: t, r.Template))).ToList();
        Assert.NotEmpty(pages);
        foreach (var (type, template) in pages)
        {
            var authorize = type.GetCustomAttributes<AuthorizeAttribute>(inherit: true).Select(a => a.Policy).ToList();
            var isPublic = type.GetCustomAttribute<AllowAnonymousAttribute>(inherit: true) is not null;
            if (isPublic ? !PublicRoutes.Contains(template) : !authorize.Any(p => p is CsolPolicies.Read or CsolPolicies.Write or CsolPolicies.Admin))
                failures.Add($"page {template} ({type.Name}): {(isPublic ? "public but not listed" : "no [Authorize] with a Csol policy")}");
            if (!endpoints.Any(e => "/" + e.RoutePattern.RawText?.TrimStart('/') == template))
                failures.Add($"page {template}: no endpoint maps it");
        }

        output.WriteLine($"{endpoints.Count} endpoints, {checkedRoutes} route-method pairs × 5 callers, {pages.Count} pages");
        Assert.True(failures.Count == 0, string.Join("\n", failures));
        Assert.True(checkedRoutes > 30, $"only {checkedRoutes} routes checked");
    }

    private static HttpClient Client(PlatformHost host, string token)
    {
        var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = new Uri(host.Url) };
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        return http;
    }

    /// <summary>Headers are enough (some routes stream); a route that does not answer within 15 s is reported as 599.</summary>
    private static async Task<HttpResponseMessage> SendAsync(HttpClient client, string method, string url)
    {
        var request = new HttpRequestMessage(new HttpMethod(method), url);
        if (method is not "GET")
            request.Content = new StringContent("{}", Encoding.UTF8, "application/json");
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        try
        {
            return await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
        }
        catch (OperationCanceledException)
        {
            return new HttpResponseMessage((HttpStatusCode)599) { ReasonPhrase = "no answer within 15 s" };
        }
    }

    /// <summary>The pattern with each parameter filled by a value that names nothing (handlers then answer 404 or 400).</summary>
    private static string Url(string pattern) =>
        System.Text.RegularExpressions.Regex.Replace(pattern, @"\{([^}]*)\}", m =>
            m.Groups[1].Value.Contains(":guid") ? Guid.NewGuid().ToString()
            : m.Groups[1].Value.Contains(":int") ? "1"
            : m.Groups[1].Value.StartsWith('*') ? "none.txt" : "none");

    private static bool IsApi(string pattern) =>
        pattern.StartsWith("/api", StringComparison.Ordinal) || pattern.StartsWith("/account", StringComparison.Ordinal) ||
        pattern.StartsWith("/openapi", StringComparison.Ordinal);

    private static bool IsStaticFile(string pattern) => Path.HasExtension(pattern.Split('/').Last()) && !pattern.Contains('{');
}
