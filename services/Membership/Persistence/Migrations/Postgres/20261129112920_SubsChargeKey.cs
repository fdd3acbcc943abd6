using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Operators.Membership.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class SubsChargeKey : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_subscription_charges_SubscriptionId_Kind_From",
                table: "subscription_charges");

            migrationBuilder.CreateIndex(
                name: "IX_subscription_charges_SubscriptionId_Kind_From",
                table: "subscription_charges",
                columns: new[] { "SubscriptionId", "Kind", "From" },
                unique: true,
                filter: "\"Kind\" IN ('period', 'setup-fee', 'commitment')");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_subscription_charges_SubscriptionId_Kind_From",
                table: "subscription_charges");

            migrationBuilder.CreateIndex(
                name: "IX_subscription_charges_SubscriptionId_Kind_From",
                table: "subscription_charges",
                columns: new[] { "SubscriptionId", "Kind", "From" },
                unique: true);
        }
    }
}
