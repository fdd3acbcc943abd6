using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Operators.Billing.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ImmutableDocuments : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(DocumentTriggers.SqliteUp(TargetModel!));
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(DocumentTriggers.SqliteDown);
        }
    }
}
