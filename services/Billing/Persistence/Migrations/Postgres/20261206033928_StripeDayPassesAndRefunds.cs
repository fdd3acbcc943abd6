using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Operators.Billing.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class StripeDayPassesAndRefunds : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "GuestEmail",
                table: "stripe_checkouts",
                type: "character varying(256)",
                maxLength: 256,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "GuestName",
                table: "stripe_checkouts",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "MemberId",
                table: "stripe_checkouts",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "SaleDate",
                table: "stripe_checkouts",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<decimal>(
                name: "SaleNet",
                table: "stripe_checkouts",
                type: "numeric(14,2)",
                precision: 14,
                scale: 2,
                nullable: false,
                defaultValue: 0m);

            migrationBuilder.AddColumn<decimal>(
                name: "SaleVatRate",
                table: "stripe_checkouts",
                type: "numeric(5,2)",
                precision: 5,
                scale: 2,
                nullable: false,
                defaultValue: 0m);

            migrationBuilder.CreateTable(
                name: "stripe_refunds",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    TenantId = table.Column<Guid>(type: "uuid", nullable: false),
                    InvoiceId = table.Column<Guid>(type: "uuid", nullable: true),
                    PaymentIntent = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false),
                    Amount = table.Column<decimal>(type: "numeric(14,2)", precision: 14, scale: 2, nullable: false),
                    Currency = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: false),
                    Reason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    Status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    StripeRefundId = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: true),
                    LastError = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    CompletedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_stripe_refunds", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_stripe_refunds_TenantId",
                table: "stripe_refunds",
                column: "TenantId");

            migrationBuilder.CreateIndex(
                name: "IX_stripe_refunds_TenantId_PaymentIntent",
                table: "stripe_refunds",
                columns: new[] { "TenantId", "PaymentIntent" });

            migrationBuilder.CreateIndex(
                name: "IX_stripe_refunds_TenantId_Status",
                table: "stripe_refunds",
                columns: new[] { "TenantId", "Status" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "stripe_refunds");

            migrationBuilder.DropColumn(
                name: "GuestEmail",
                table: "stripe_checkouts");

            migrationBuilder.DropColumn(
                name: "GuestName",
                table: "stripe_checkouts");

            migrationBuilder.DropColumn(
                name: "MemberId",
                table: "stripe_checkouts");

            migrationBuilder.DropColumn(
                name: "SaleDate",
                table: "stripe_checkouts");

            migrationBuilder.DropColumn(
                name: "SaleNet",
                table: "stripe_checkouts");

            migrationBuilder.DropColumn(
                name: "SaleVatRate",
                table: "stripe_checkouts");
        }
    }
}
