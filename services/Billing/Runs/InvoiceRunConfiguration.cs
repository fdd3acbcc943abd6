using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Operators.Billing.Runs;

internal sealed class InvoiceRunConfiguration : IEntityTypeConfiguration<InvoiceRun>
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public void Configure(EntityTypeBuilder<InvoiceRun> builder)
    {
        builder.ToTable("invoice_runs");
        builder.Property(x => x.Period).HasMaxLength(7);
        builder.Property(x => x.ScheduleKey).HasMaxLength(7);
        builder.Property(x => x.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(x => x.Problems)
            .HasConversion(v => JsonSerializer.Serialize(v, Json), s => JsonSerializer.Deserialize<List<RunProblem>>(s, Json) ?? new List<RunProblem>())
            .Metadata.SetValueComparer(new ValueComparer<List<RunProblem>>((a, b) => a!.SequenceEqual(b!), v => v.Count, v => v.ToList()));
        builder.HasIndex(x => new { x.TenantId, x.ScheduleKey }).IsUnique();
        builder.HasIndex(x => new { x.TenantId, x.CreatedAt });
    }
}
