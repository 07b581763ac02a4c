using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Http;

namespace Csol.Silo.Security;

/// <summary>Sign-in and session settings. Section <c>Csol:Security</c>.</summary>
public sealed class SecurityOptions
{
    public const string Section = "Csol:Security";

    /// <summary>How long a dashboard session lasts without activity (sliding), in hours.</summary>
    [Range(0.05, 720)]
    public double SessionHours { get; set; } = 8;

    /// <summary>The session cookie's Secure flag: <c>SameAsRequest</c> (plain http on loopback works) or <c>Always</c>
    /// (set this behind TLS).</summary>
    public CookieSecurePolicy CookieSecure { get; set; } = CookieSecurePolicy.SameAsRequest;

    /// <summary>Failed passwords before an account is locked out.</summary>
    [Range(1, 100)]
    public int LockoutAttempts { get; set; } = 5;

    [Range(0.1, 1440)]
    public double LockoutMinutes { get; set; } = 15;

    /// <summary>Sign-in attempts (dashboard, <c>csol login</c>, setup links) one address may make per minute.</summary>
    [Range(1, 10000)]
    public int SignInPermitsPerMinute { get; set; } = 10;

    /// <summary>Shortest password accepted (ASVS L1: at least 12; no composition rules).</summary>
    [Range(8, 128)]
    public int MinimumPasswordLength { get; set; } = 12;

    /// <summary>The address users open, for the setup link printed at first start; empty: the first listening URL.</summary>
    public string PublicUrl { get; set; } = "";
}
