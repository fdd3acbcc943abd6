using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Operators.ServiceDefaults.Bus;
using Operators.Tenancy;
using Operators.Tenancy.EntityFramework;

namespace Operators.Messaging.Tests;

/// <summary>A tiny service for the tests: a ledger whose deposits are not idempotent by themselves.</summary>
public sealed class Wallet : ITenantOwned
{
    public int Id { get; set; }

    public Guid TenantId { get; set; }

    public decimal Balance { get; set; }

    public int Deposits { get; set; }

    /// <summary>When the last deposit's message was written, as its consumer reads it.</summary>
    public DateTime? LastWrittenAt { get; set; }
}

public sealed record Deposited(int WalletId, decimal Amount);

public sealed class LedgerContext(DbContextOptions<LedgerContext> options, ITenantContext tenants) : TenantDbContext(options, tenants)
{
    public DbSet<Wallet> Wallets => Set<Wallet>();

    protected override void ConfigureModel(ModelBuilder modelBuilder)
    {
        modelBuilder.AddOutboxAndInbox();
        modelBuilder.Entity<Wallet>().Property(w => w.Balance).HasPrecision(18, 2);
    }
}

public sealed class DepositConsumer(LedgerContext db, TimeProvider clock, ILogger<DepositConsumer> logger)
    : IdempotentConsumer<Deposited, LedgerContext>(db, clock, logger)
{
    protected override async Task HandleAsync(ConsumeContext<Deposited> context)
    {
        var wallet = await Db.Wallets.SingleAsync(w => w.Id == context.Message.WalletId, context.CancellationToken);
        wallet.Balance += context.Message.Amount;
        wallet.Deposits++;
        wallet.LastWrittenAt = context.WrittenAt();
    }
}

public sealed class DepositConsumerDefinition : ServiceConsumerDefinition<DepositConsumer>;
