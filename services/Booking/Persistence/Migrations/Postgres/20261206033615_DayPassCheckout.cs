using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Operators.Booking.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class DayPassCheckout : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "AccessKey",
                table: "day_passes",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "CheckoutUrl",
                table: "day_passes",
                type: "character varying(2000)",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "PayAtDesk",
                table: "day_passes",
                type: "boolean",
                nullable: false,
                defaultValue: false);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "AccessKey",
                table: "day_passes");

            migrationBuilder.DropColumn(
                name: "CheckoutUrl",
                table: "day_passes");

            migrationBuilder.DropColumn(
                name: "PayAtDesk",
                table: "day_passes");
        }
    }
}
