using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Operators.Gateway.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class DropPendingPassword : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "PendingPasswordHash",
                table: "AspNetUsers");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "PendingPasswordHash",
                table: "AspNetUsers",
                type: "TEXT",
                nullable: true);
        }
    }
}
