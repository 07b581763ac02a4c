using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Csol.Silo.Security;

/// <summary>An API token: its SHA-256 hash, never the secret.</summary>
public sealed class ApiTokenRow
{
    public Guid Id { get; set; }
    public required string UserId { get; set; }
    public required string UserName { get; set; }
    public required string Name { get; set; }
    public required string Scope { get; set; }
    /// <summary>Hex SHA-256 of the bearer value (which has 256 random bits, so a fast hash is enough).</summary>
    public required string Hash { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset ExpiresAt { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }
    public DateTimeOffset? LastUsedAt { get; set; }
}

/// <summary>One audit entry; rows are only ever added.</summary>
public sealed class AuditEventRow
{
    public long Id { get; set; }
    public DateTimeOffset At { get; set; }
    public required string Actor { get; set; }
    public required string Action { get; set; }
    public required string Target { get; set; }
    public required string Outcome { get; set; }
    public string? SourceAddress { get; set; }
    public string? Detail { get; set; }
}

internal sealed class ApiTokenRowConfiguration : IEntityTypeConfiguration<ApiTokenRow>
{
    public void Configure(EntityTypeBuilder<ApiTokenRow> e)
    {
        e.ToTable("api_tokens");
        e.HasKey(r => r.Id);
        e.HasIndex(r => r.Hash).IsUnique();
        e.HasIndex(r => r.UserName);
        e.Property(r => r.Name).HasMaxLength(100);
        e.Property(r => r.Scope).HasMaxLength(10);
        e.Property(r => r.Hash).HasMaxLength(64);
    }
}

internal sealed class AuditEventRowConfiguration : IEntityTypeConfiguration<AuditEventRow>
{
    public void Configure(EntityTypeBuilder<AuditEventRow> e)
    {
        e.ToTable("audit_events");
        e.HasKey(r => r.Id);
        e.HasIndex(r => r.At);
        e.HasIndex(r => r.Action);
        e.Property(r => r.Actor).HasMaxLength(256);
        e.Property(r => r.Action).HasMaxLength(64);
        e.Property(r => r.Outcome).HasMaxLength(16);
        e.Property(r => r.SourceAddress).HasMaxLength(64);
    }
}
