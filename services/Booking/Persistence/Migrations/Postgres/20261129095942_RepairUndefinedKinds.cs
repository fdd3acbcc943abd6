using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Operators.Booking.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class RepairUndefinedKinds : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Before enums were strictly names, a number (-1, 12345) could be stored as a resource's kind or audience,
            // and every page listing the space's resources then failed. Such a resource becomes an inactive desk pool
            // (booked by the day, like every kind but rooms, whose price per day it therefore has) for its operator to
            // review; an unknown audience becomes members only, the narrower of the two.
            migrationBuilder.Sql(
                """UPDATE resources SET "Kind" = 'DeskPool', "Active" = false WHERE "Kind" NOT IN ('DeskPool', 'Desk', 'Room', 'Office');""");
            migrationBuilder.Sql(
                """UPDATE resources SET "BookableBy" = 'Members' WHERE "BookableBy" NOT IN ('Members', 'Everyone');""");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // The numbers are gone for good: they never meant anything.
        }
    }
}
