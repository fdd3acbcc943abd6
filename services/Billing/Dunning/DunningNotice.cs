using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Operators.Tenancy.EntityFramework;

namespace Operators.Billing.Dunning;

/// <summary>
/// One reminder of an unpaid invoice at one dunning step (days past due): written once (unique on invoice and step, with
/// its <c>InvoiceOverdue</c> in the outbox, in one transaction), then e-mailed, and <see cref="SentAt"/> set.
/// </summary>
public sealed class DunningNotice : ITenantOwned
{
    public Guid Id { get; set; }

    public Guid TenantId { get; set; }

    public Guid InvoiceId { get; set; }

    /// <summary>The step reached: 7, 15, 30… days past due (the space's <c>dunningDays</c>).</summary>
    public int Step { get; set; }

    public int DaysOverdue { get; set; }

    public decimal AmountDue { get; set; }

    /// <summary>Where the reminder goes; null when the customer has no e-mail address (nothing is sent, the event still is).</summary>
    public string? Email { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime? SentAt { get; set; }
}

internal sealed class DunningNoticeConfiguration : IEntityTypeConfiguration<DunningNotice>
{
    public void Configure(EntityTypeBuilder<DunningNotice> builder)
    {
        builder.ToTable("dunning_notices");
        builder.Property(x => x.AmountDue).HasPrecision(14, 2);
        builder.Property(x => x.Email).HasMaxLength(254);
        builder.HasIndex(x => new { x.TenantId, x.InvoiceId, x.Step }).IsUnique();
        builder.HasIndex(x => new { x.TenantId, x.SentAt });
    }
}
