using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Operators.Billing.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class StripeCheckouts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "StripePublishableKey",
                table: "billing_settings",
                type: "TEXT",
                maxLength: 255,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "StripeSecretKeyProtected",
                table: "billing_settings",
                type: "TEXT",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "StripeWebhookSecretProtected",
                table: "billing_settings",
                type: "TEXT",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "DataProtectionKeys",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    FriendlyName = table.Column<string>(type: "TEXT", nullable: true),
                    Xml = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DataProtectionKeys", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "stripe_checkouts",
                columns: table => new
                {
                    Id = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false),
                    TenantId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Subject = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    SubjectId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Amount = table.Column<decimal>(type: "TEXT", precision: 14, scale: 2, nullable: false),
                    Currency = table.Column<string>(type: "TEXT", maxLength: 3, nullable: false),
                    Url = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    PaymentIntent = table.Column<string>(type: "TEXT", maxLength: 255, nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ExpiresAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    CompletedAt = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_stripe_checkouts", x => new { x.TenantId, x.Id });
                });

            migrationBuilder.CreateTable(
                name: "stripe_events",
                columns: table => new
                {
                    Id = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false),
                    TenantId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Type = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    ReceivedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_stripe_events", x => new { x.TenantId, x.Id });
                });

            migrationBuilder.CreateIndex(
                name: "IX_stripe_checkouts_TenantId",
                table: "stripe_checkouts",
                column: "TenantId");

            migrationBuilder.CreateIndex(
                name: "IX_stripe_checkouts_TenantId_PaymentIntent",
                table: "stripe_checkouts",
                columns: new[] { "TenantId", "PaymentIntent" });

            migrationBuilder.CreateIndex(
                name: "IX_stripe_checkouts_TenantId_Subject_SubjectId",
                table: "stripe_checkouts",
                columns: new[] { "TenantId", "Subject", "SubjectId" });

            migrationBuilder.CreateIndex(
                name: "IX_stripe_events_TenantId",
                table: "stripe_events",
                column: "TenantId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "DataProtectionKeys");

            migrationBuilder.DropTable(
                name: "stripe_checkouts");

            migrationBuilder.DropTable(
                name: "stripe_events");

            migrationBuilder.DropColumn(
                name: "StripePublishableKey",
                table: "billing_settings");

            migrationBuilder.DropColumn(
                name: "StripeSecretKeyProtected",
                table: "billing_settings");

            migrationBuilder.DropColumn(
                name: "StripeWebhookSecretProtected",
                table: "billing_settings");
        }
    }
}
