using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Operators.Billing.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class ChargesAndRuns : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "charges",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    TenantId = table.Column<Guid>(type: "uuid", nullable: false),
                    Source = table.Column<string>(type: "character varying(24)", maxLength: 24, nullable: false),
                    SourceId = table.Column<Guid>(type: "uuid", nullable: false),
                    CustomerId = table.Column<Guid>(type: "uuid", nullable: false),
                    MemberId = table.Column<Guid>(type: "uuid", nullable: true),
                    Description = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    Quantity = table.Column<decimal>(type: "numeric(12,3)", precision: 12, scale: 3, nullable: false),
                    UnitCode = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: false),
                    UnitPrice = table.Column<decimal>(type: "numeric(14,4)", precision: 14, scale: 4, nullable: false),
                    VatRate = table.Column<decimal>(type: "numeric(5,2)", precision: 5, scale: 2, nullable: false),
                    Currency = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: false),
                    Date = table.Column<DateOnly>(type: "date", nullable: false),
                    ServiceFrom = table.Column<DateOnly>(type: "date", nullable: true),
                    ServiceTo = table.Column<DateOnly>(type: "date", nullable: true),
                    Voided = table.Column<bool>(type: "boolean", nullable: false),
                    PaidWith = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    InvoiceId = table.Column<Guid>(type: "uuid", nullable: true),
                    RunId = table.Column<Guid>(type: "uuid", nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_charges", x => x.Id);
                    table.ForeignKey(
                        name: "FK_charges_invoices_InvoiceId",
                        column: x => x.InvoiceId,
                        principalTable: "invoices",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateTable(
                name: "invoice_runs",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    TenantId = table.Column<Guid>(type: "uuid", nullable: false),
                    Period = table.Column<string>(type: "character varying(7)", maxLength: 7, nullable: false),
                    Until = table.Column<DateOnly>(type: "date", nullable: false),
                    ScheduleKey = table.Column<string>(type: "character varying(7)", maxLength: 7, nullable: true),
                    Status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    AutoIssue = table.Column<bool>(type: "boolean", nullable: false),
                    Total = table.Column<int>(type: "integer", nullable: false),
                    Done = table.Column<int>(type: "integer", nullable: false),
                    Failed = table.Column<int>(type: "integer", nullable: false),
                    Problems = table.Column<string>(type: "text", nullable: false),
                    RequestedBy = table.Column<Guid>(type: "uuid", nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    StartedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    HeartbeatAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    FinishedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_invoice_runs", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_charges_InvoiceId",
                table: "charges",
                column: "InvoiceId");

            migrationBuilder.CreateIndex(
                name: "IX_charges_TenantId",
                table: "charges",
                column: "TenantId");

            migrationBuilder.CreateIndex(
                name: "IX_charges_TenantId_CustomerId",
                table: "charges",
                columns: new[] { "TenantId", "CustomerId" });

            migrationBuilder.CreateIndex(
                name: "IX_charges_TenantId_InvoiceId_Date",
                table: "charges",
                columns: new[] { "TenantId", "InvoiceId", "Date" });

            migrationBuilder.CreateIndex(
                name: "IX_charges_TenantId_Source_SourceId",
                table: "charges",
                columns: new[] { "TenantId", "Source", "SourceId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_invoice_runs_TenantId",
                table: "invoice_runs",
                column: "TenantId");

            migrationBuilder.CreateIndex(
                name: "IX_invoice_runs_TenantId_CreatedAt",
                table: "invoice_runs",
                columns: new[] { "TenantId", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_invoice_runs_TenantId_ScheduleKey",
                table: "invoice_runs",
                columns: new[] { "TenantId", "ScheduleKey" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "charges");

            migrationBuilder.DropTable(
                name: "invoice_runs");
        }
    }
}
