namespace Operators.Tenancy.EntityFramework;

/// <summary>A row that belongs to one space. The DbContext filters, stamps and guards it.</summary>
public interface ITenantOwned
{
    Guid TenantId { get; set; }
}
