using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Operators.Billing.Invoices;

internal sealed class InvoiceConfiguration : IEntityTypeConfiguration<Invoice>
{
    public void Configure(EntityTypeBuilder<Invoice> builder)
    {
        builder.ToTable("invoices");
        builder.Property(x => x.Kind).HasConversion<string>().HasMaxLength(16);
        builder.Property(x => x.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(x => x.Number).HasMaxLength(40);
        builder.Property(x => x.Series).HasMaxLength(30);
        builder.Property(x => x.Currency).HasMaxLength(3);
        builder.Property(x => x.Language).HasMaxLength(2);
        builder.Property(x => x.Note).HasMaxLength(1000);
        builder.Property(x => x.CreditedInvoiceNumber).HasMaxLength(40);
        builder.Property(x => x.Seller).HasConversion(Json<SellerSnapshot>()).Metadata.SetValueComparer(ByValue<SellerSnapshot>());
        builder.Property(x => x.Buyer).HasConversion(Json<PartySnapshot>()).Metadata.SetValueComparer(ByValue<PartySnapshot>());
        foreach (var money in new[] { nameof(Invoice.Net), nameof(Invoice.VatTotal), nameof(Invoice.Gross), nameof(Invoice.PaidAmount), nameof(Invoice.CreditedAmount) })
        {
            builder.Property(money).HasPrecision(14, 2);
        }

        builder.Property(x => x.Footprint).HasMaxLength(64);
        builder.Property(x => x.PreviousFootprint).HasMaxLength(64);
        builder.Property(x => x.PdfSha256).HasMaxLength(64);
        builder.Property(x => x.Version).IsConcurrencyToken();
        builder.Ignore(x => x.AmountDue);
        builder.Ignore(x => x.IsIssued);
        builder.HasMany(x => x.Lines).WithOne().HasForeignKey(l => l.InvoiceId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(x => new { x.TenantId, x.Number }).IsUnique();
        builder.HasIndex(x => new { x.TenantId, x.ChainIndex }).IsUnique();
        builder.HasIndex(x => new { x.TenantId, x.CustomerId });
        builder.HasIndex(x => new { x.TenantId, x.MemberId });
        builder.HasIndex(x => new { x.TenantId, x.CompanyId });
        builder.HasIndex(x => x.CreditedInvoiceId);
    }

    /// <summary>Snapshots are stored as JSON text: written once at issue, read back exactly, hashed into the footprint.</summary>
    private static Microsoft.EntityFrameworkCore.Storage.ValueConversion.ValueConverter<T?, string?> Json<T>()
        where T : class =>
        new(v => v == null ? null : JsonSerializer.Serialize(v, JsonOptions), s => s == null ? null : JsonSerializer.Deserialize<T>(s, JsonOptions));

    private static ValueComparer<T?> ByValue<T>()
        where T : class =>
        new((a, b) => Equals(a, b), v => v == null ? 0 : v.GetHashCode(), v => v);

    internal static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);
}

internal sealed class InvoiceLineConfiguration : IEntityTypeConfiguration<InvoiceLine>
{
    public void Configure(EntityTypeBuilder<InvoiceLine> builder)
    {
        builder.ToTable("invoice_lines");
        builder.Property(x => x.Description).HasMaxLength(500);
        builder.Property(x => x.Quantity).HasPrecision(12, 3);
        builder.Property(x => x.UnitCode).HasMaxLength(3);
        builder.Property(x => x.UnitPrice).HasPrecision(14, 4);
        builder.Property(x => x.VatRate).HasPrecision(5, 2);
        builder.Property(x => x.Net).HasPrecision(14, 2);
    }
}

internal sealed class InvoiceFileConfiguration : IEntityTypeConfiguration<InvoiceFile>
{
    public void Configure(EntityTypeBuilder<InvoiceFile> builder)
    {
        builder.ToTable("invoice_files");
        builder.HasKey(x => x.InvoiceId);
        builder.HasOne<Invoice>().WithOne().HasForeignKey<InvoiceFile>(x => x.InvoiceId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class NumberSeriesConfiguration : IEntityTypeConfiguration<NumberSeries>
{
    public void Configure(EntityTypeBuilder<NumberSeries> builder)
    {
        builder.ToTable("number_series");
        builder.HasKey(x => new { x.TenantId, x.Key });
        builder.Property(x => x.Key).HasMaxLength(30);
    }
}

internal sealed class IssueChainConfiguration : IEntityTypeConfiguration<IssueChain>
{
    public void Configure(EntityTypeBuilder<IssueChain> builder)
    {
        builder.ToTable("issue_chains");
        builder.HasKey(x => x.TenantId);
        builder.Property(x => x.TenantId).ValueGeneratedNever();
        builder.Property(x => x.LastFootprint).HasMaxLength(64);
    }
}
