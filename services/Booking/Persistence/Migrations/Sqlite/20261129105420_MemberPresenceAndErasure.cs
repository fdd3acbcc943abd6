using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Operators.Booking.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class MemberPresenceAndErasure : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "ErasedAt",
                table: "member_profiles",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "PresenceOptIn",
                table: "member_profiles",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "ErasedAt",
                table: "member_profiles");

            migrationBuilder.DropColumn(
                name: "PresenceOptIn",
                table: "member_profiles");
        }
    }
}
