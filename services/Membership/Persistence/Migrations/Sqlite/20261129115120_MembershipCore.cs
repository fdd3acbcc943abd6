using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Operators.Membership.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class MembershipCore : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "companies",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    TenantId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Email = table.Column<string>(type: "TEXT", maxLength: 254, nullable: true),
                    billing_name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    billing_line1 = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    billing_line2 = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    billing_postal_code = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    billing_city = table.Column<string>(type: "TEXT", maxLength: 120, nullable: false),
                    billing_country = table.Column<string>(type: "TEXT", maxLength: 2, nullable: false),
                    billing_is_business = table.Column<bool>(type: "INTEGER", nullable: false),
                    billing_siren = table.Column<string>(type: "TEXT", maxLength: 9, nullable: true),
                    billing_vat_number = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_companies", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "members",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    TenantId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Email = table.Column<string>(type: "TEXT", maxLength: 254, nullable: false),
                    DisplayName = table.Column<string>(type: "TEXT", maxLength: 120, nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    CompanyId = table.Column<Guid>(type: "TEXT", nullable: true),
                    billing_name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    billing_line1 = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    billing_line2 = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    billing_postal_code = table.Column<string>(type: "TEXT", maxLength: 16, nullable: true),
                    billing_city = table.Column<string>(type: "TEXT", maxLength: 120, nullable: true),
                    billing_country = table.Column<string>(type: "TEXT", maxLength: 2, nullable: true),
                    billing_is_business = table.Column<bool>(type: "INTEGER", nullable: true),
                    billing_siren = table.Column<string>(type: "TEXT", maxLength: 9, nullable: true),
                    billing_vat_number = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    DirectoryOptIn = table.Column<bool>(type: "INTEGER", nullable: false),
                    PresenceOptIn = table.Column<bool>(type: "INTEGER", nullable: false),
                    Bio = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    Skills = table.Column<string>(type: "TEXT", nullable: false),
                    Offers = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    LooksFor = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    Links = table.Column<string>(type: "TEXT", nullable: false),
                    JoinedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ErasedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_members", x => new { x.TenantId, x.Id });
                });

            migrationBuilder.CreateTable(
                name: "membership_settings",
                columns: table => new
                {
                    TenantId = table.Column<Guid>(type: "TEXT", nullable: false),
                    PauseAfterOverdueDays = table.Column<int>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_membership_settings", x => x.TenantId);
                });

            migrationBuilder.CreateTable(
                name: "plans",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    TenantId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 120, nullable: false),
                    Description = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    MonthlyPrice = table.Column<decimal>(type: "TEXT", precision: 12, scale: 2, nullable: false),
                    Currency = table.Column<string>(type: "TEXT", maxLength: 3, nullable: false),
                    VatRate = table.Column<decimal>(type: "TEXT", precision: 5, scale: 2, nullable: false),
                    SetupFee = table.Column<decimal>(type: "TEXT", precision: 12, scale: 2, nullable: false),
                    CommitmentMonths = table.Column<int>(type: "INTEGER", nullable: false),
                    DeskDays = table.Column<int>(type: "INTEGER", nullable: false),
                    RoomHours = table.Column<decimal>(type: "TEXT", precision: 7, scale: 2, nullable: false),
                    AccessDays = table.Column<string>(type: "TEXT", nullable: false),
                    AccessFrom = table.Column<TimeOnly>(type: "TEXT", nullable: true),
                    AccessTo = table.Column<TimeOnly>(type: "TEXT", nullable: true),
                    Active = table.Column<bool>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_plans", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "subscription_charges",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    TenantId = table.Column<Guid>(type: "TEXT", nullable: false),
                    SubscriptionId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Description = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    Amount = table.Column<decimal>(type: "TEXT", precision: 12, scale: 2, nullable: false),
                    Currency = table.Column<string>(type: "TEXT", maxLength: 3, nullable: false),
                    VatRate = table.Column<decimal>(type: "TEXT", precision: 5, scale: 2, nullable: false),
                    From = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    To = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_subscription_charges", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "subscriptions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    TenantId = table.Column<Guid>(type: "TEXT", nullable: false),
                    MemberId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CompanyId = table.Column<Guid>(type: "TEXT", nullable: true),
                    plan_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    plan_name = table.Column<string>(type: "TEXT", maxLength: 120, nullable: false),
                    plan_monthly_price = table.Column<decimal>(type: "TEXT", precision: 12, scale: 2, nullable: false),
                    plan_currency = table.Column<string>(type: "TEXT", maxLength: 3, nullable: false),
                    plan_vat_rate = table.Column<decimal>(type: "TEXT", precision: 5, scale: 2, nullable: false),
                    plan_setup_fee = table.Column<decimal>(type: "TEXT", precision: 12, scale: 2, nullable: false),
                    plan_commitment_months = table.Column<int>(type: "INTEGER", nullable: false),
                    plan_desk_days = table.Column<int>(type: "INTEGER", nullable: false),
                    plan_room_hours = table.Column<decimal>(type: "TEXT", precision: 7, scale: 2, nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Start = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Anchor = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    PeriodNumber = table.Column<int>(type: "INTEGER", nullable: false),
                    PeriodStart = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    PeriodEnd = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    CommitmentEndsOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    PausedOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    EndsOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    EndedOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    pending_plan_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    pending_plan_name = table.Column<string>(type: "TEXT", maxLength: 120, nullable: true),
                    pending_plan_monthly_price = table.Column<decimal>(type: "TEXT", precision: 12, scale: 2, nullable: true),
                    pending_plan_currency = table.Column<string>(type: "TEXT", maxLength: 3, nullable: true),
                    pending_plan_vat_rate = table.Column<decimal>(type: "TEXT", precision: 5, scale: 2, nullable: true),
                    pending_plan_setup_fee = table.Column<decimal>(type: "TEXT", precision: 12, scale: 2, nullable: true),
                    pending_plan_commitment_months = table.Column<int>(type: "INTEGER", nullable: true),
                    pending_plan_desk_days = table.Column<int>(type: "INTEGER", nullable: true),
                    pending_plan_room_hours = table.Column<decimal>(type: "TEXT", precision: 7, scale: 2, nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_subscriptions", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_companies_TenantId",
                table: "companies",
                column: "TenantId");

            migrationBuilder.CreateIndex(
                name: "IX_members_CompanyId",
                table: "members",
                column: "CompanyId");

            migrationBuilder.CreateIndex(
                name: "IX_members_TenantId",
                table: "members",
                column: "TenantId");

            migrationBuilder.CreateIndex(
                name: "IX_membership_settings_TenantId",
                table: "membership_settings",
                column: "TenantId");

            migrationBuilder.CreateIndex(
                name: "IX_plans_TenantId",
                table: "plans",
                column: "TenantId");

            migrationBuilder.CreateIndex(
                name: "IX_subscription_charges_SubscriptionId_Kind_From",
                table: "subscription_charges",
                columns: new[] { "SubscriptionId", "Kind", "From" },
                unique: true,
                filter: "\"Kind\" IN ('period', 'setup-fee', 'commitment')");

            migrationBuilder.CreateIndex(
                name: "IX_subscription_charges_TenantId",
                table: "subscription_charges",
                column: "TenantId");

            migrationBuilder.CreateIndex(
                name: "IX_subscriptions_TenantId",
                table: "subscriptions",
                column: "TenantId");

            migrationBuilder.CreateIndex(
                name: "IX_subscriptions_TenantId_MemberId",
                table: "subscriptions",
                columns: new[] { "TenantId", "MemberId" },
                unique: true,
                filter: "\"Status\" <> 'Ended'");

            migrationBuilder.CreateIndex(
                name: "IX_subscriptions_TenantId_Status_PeriodEnd",
                table: "subscriptions",
                columns: new[] { "TenantId", "Status", "PeriodEnd" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "companies");

            migrationBuilder.DropTable(
                name: "members");

            migrationBuilder.DropTable(
                name: "membership_settings");

            migrationBuilder.DropTable(
                name: "plans");

            migrationBuilder.DropTable(
                name: "subscription_charges");

            migrationBuilder.DropTable(
                name: "subscriptions");
        }
    }
}
