using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Operators.Gateway.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class SpacePeopleAndLogos : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "LogoUrl",
                table: "spaces");

            migrationBuilder.AddColumn<DateTime>(
                name: "LogoUpdatedAt",
                table: "spaces",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "space_logos",
                columns: table => new
                {
                    SpaceId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ContentType = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Content = table.Column<byte[]>(type: "BLOB", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_space_logos", x => x.SpaceId);
                    table.ForeignKey(
                        name: "FK_space_logos_spaces_SpaceId",
                        column: x => x.SpaceId,
                        principalTable: "spaces",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "space_people",
                columns: table => new
                {
                    SpaceId = table.Column<Guid>(type: "TEXT", nullable: false),
                    AccountId = table.Column<Guid>(type: "TEXT", nullable: false),
                    DisplayName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    AddedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    JoinedAt = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_space_people", x => new { x.SpaceId, x.AccountId });
                    table.ForeignKey(
                        name: "FK_space_people_AspNetUsers_AccountId",
                        column: x => x.AccountId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_space_people_spaces_SpaceId",
                        column: x => x.SpaceId,
                        principalTable: "spaces",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_space_people_AccountId",
                table: "space_people",
                column: "AccountId");

            // Everyone already holding a role keeps being seen as before: as joined (by their own name) unless
            // still invited, in which case the name on the invited account is the one a space typed.
            migrationBuilder.Sql("""
                INSERT INTO space_people ("SpaceId", "AccountId", "DisplayName", "AddedAt", "JoinedAt")
                SELECT r."SpaceId", r."AccountId", u."DisplayName", MIN(r."GrantedAt"),
                       CASE WHEN u."Invited" THEN NULL ELSE MIN(r."GrantedAt") END
                FROM space_roles r JOIN "AspNetUsers" u ON u."Id" = r."AccountId"
                GROUP BY r."SpaceId", r."AccountId", u."DisplayName", u."Invited"
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "space_logos");

            migrationBuilder.DropTable(
                name: "space_people");

            migrationBuilder.DropColumn(
                name: "LogoUpdatedAt",
                table: "spaces");

            migrationBuilder.AddColumn<string>(
                name: "LogoUrl",
                table: "spaces",
                type: "TEXT",
                maxLength: 500,
                nullable: true);
        }
    }
}
