using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Operators.Booking.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class BookingCore : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "allowance_periods",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    TenantId = table.Column<Guid>(type: "uuid", nullable: false),
                    MemberId = table.Column<Guid>(type: "uuid", nullable: false),
                    SubscriptionId = table.Column<Guid>(type: "uuid", nullable: false),
                    PeriodStart = table.Column<DateOnly>(type: "date", nullable: false),
                    PeriodEnd = table.Column<DateOnly>(type: "date", nullable: false),
                    EndedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    DeskDaysGranted = table.Column<int>(type: "integer", nullable: false),
                    RoomHoursGranted = table.Column<decimal>(type: "numeric(8,2)", precision: 8, scale: 2, nullable: false),
                    DeskDaysUsed = table.Column<int>(type: "integer", nullable: false),
                    RoomHoursUsed = table.Column<decimal>(type: "numeric(8,2)", precision: 8, scale: 2, nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_allowance_periods", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "booking_settings",
                columns: table => new
                {
                    TenantId = table.Column<Guid>(type: "uuid", nullable: false),
                    MaxBookingHours = table.Column<int>(type: "integer", nullable: false),
                    AdvanceWindowDays = table.Column<int>(type: "integer", nullable: false),
                    FreeCancellationHours = table.Column<int>(type: "integer", nullable: false),
                    LateCancellationFeeShare = table.Column<decimal>(type: "numeric(5,4)", precision: 5, scale: 4, nullable: false),
                    NoShowGraceMinutes = table.Column<int>(type: "integer", nullable: false),
                    DayPassHoldMinutes = table.Column<int>(type: "integer", nullable: false),
                    DefaultVatRate = table.Column<decimal>(type: "numeric(5,2)", precision: 5, scale: 2, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_booking_settings", x => x.TenantId);
                });

            migrationBuilder.CreateTable(
                name: "bookings",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    TenantId = table.Column<Guid>(type: "uuid", nullable: false),
                    ResourceId = table.Column<Guid>(type: "uuid", nullable: false),
                    MemberId = table.Column<Guid>(type: "uuid", nullable: true),
                    BookedBy = table.Column<Guid>(type: "uuid", nullable: true),
                    Start = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    End = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Date = table.Column<DateOnly>(type: "date", nullable: false),
                    ByTheHour = table.Column<bool>(type: "boolean", nullable: false),
                    Exclusive = table.Column<bool>(type: "boolean", nullable: false),
                    Seats = table.Column<int>(type: "integer", nullable: false),
                    Status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    HoldExpiresAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    AllowancePeriodId = table.Column<Guid>(type: "uuid", nullable: true),
                    AllowanceUsed = table.Column<decimal>(type: "numeric(8,2)", precision: 8, scale: 2, nullable: false),
                    ChargeAmount = table.Column<decimal>(type: "numeric(12,2)", precision: 12, scale: 2, nullable: false),
                    Currency = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: false),
                    VatRate = table.Column<decimal>(type: "numeric(5,2)", precision: 5, scale: 2, nullable: false),
                    CancellationFee = table.Column<decimal>(type: "numeric(12,2)", precision: 12, scale: 2, nullable: true),
                    AllowanceRefunded = table.Column<bool>(type: "boolean", nullable: false),
                    DayPassId = table.Column<Guid>(type: "uuid", nullable: true),
                    EventId = table.Column<Guid>(type: "uuid", nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    CancelledAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    CheckedInAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_bookings", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "calendar_feeds",
                columns: table => new
                {
                    TenantId = table.Column<Guid>(type: "uuid", nullable: false),
                    MemberId = table.Column<Guid>(type: "uuid", nullable: false),
                    Token = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_calendar_feeds", x => new { x.TenantId, x.MemberId });
                });

            migrationBuilder.CreateTable(
                name: "closures",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    TenantId = table.Column<Guid>(type: "uuid", nullable: false),
                    Date = table.Column<DateOnly>(type: "date", nullable: false),
                    Reason = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_closures", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "day_passes",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    TenantId = table.Column<Guid>(type: "uuid", nullable: false),
                    BookingId = table.Column<Guid>(type: "uuid", nullable: false),
                    Date = table.Column<DateOnly>(type: "date", nullable: false),
                    GuestName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    GuestEmail = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    MemberId = table.Column<Guid>(type: "uuid", nullable: true),
                    PaidWith = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Price = table.Column<decimal>(type: "numeric(12,2)", precision: 12, scale: 2, nullable: false),
                    Currency = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: false),
                    VatRate = table.Column<decimal>(type: "numeric(5,2)", precision: 5, scale: 2, nullable: false),
                    HoldExpiresAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_day_passes", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "events",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    TenantId = table.Column<Guid>(type: "uuid", nullable: false),
                    Title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Description = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    Start = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    End = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Capacity = table.Column<int>(type: "integer", nullable: false),
                    RoomBookingId = table.Column<Guid>(type: "uuid", nullable: true),
                    RoomId = table.Column<Guid>(type: "uuid", nullable: true),
                    CreatedBy = table.Column<Guid>(type: "uuid", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Attending = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_events", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "idempotency_records",
                columns: table => new
                {
                    TenantId = table.Column<Guid>(type: "uuid", nullable: false),
                    Caller = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Key = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    RequestHash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    StatusCode = table.Column<int>(type: "integer", nullable: false),
                    ResponseJson = table.Column<string>(type: "text", nullable: false),
                    Location = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_idempotency_records", x => new { x.TenantId, x.Caller, x.Key });
                });

            migrationBuilder.CreateTable(
                name: "member_profiles",
                columns: table => new
                {
                    TenantId = table.Column<Guid>(type: "uuid", nullable: false),
                    MemberId = table.Column<Guid>(type: "uuid", nullable: false),
                    DisplayName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    DirectoryOptIn = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_member_profiles", x => new { x.TenantId, x.MemberId });
                });

            migrationBuilder.CreateTable(
                name: "opening_periods",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    TenantId = table.Column<Guid>(type: "uuid", nullable: false),
                    Day = table.Column<int>(type: "integer", nullable: false),
                    Open = table.Column<TimeOnly>(type: "time without time zone", nullable: false),
                    Close = table.Column<TimeOnly>(type: "time without time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_opening_periods", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "resources",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    TenantId = table.Column<Guid>(type: "uuid", nullable: false),
                    Name = table.Column<string>(type: "character varying(120)", maxLength: 120, nullable: false),
                    Kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Capacity = table.Column<int>(type: "integer", nullable: false),
                    PricePerDay = table.Column<decimal>(type: "numeric(12,2)", precision: 12, scale: 2, nullable: true),
                    PricePerHour = table.Column<decimal>(type: "numeric(12,2)", precision: 12, scale: 2, nullable: true),
                    VatRate = table.Column<decimal>(type: "numeric(5,2)", precision: 5, scale: 2, nullable: false),
                    BookableBy = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Amenities = table.Column<List<string>>(type: "text[]", nullable: false),
                    Active = table.Column<bool>(type: "boolean", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_resources", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "rsvps",
                columns: table => new
                {
                    EventId = table.Column<Guid>(type: "uuid", nullable: false),
                    MemberId = table.Column<Guid>(type: "uuid", nullable: false),
                    TenantId = table.Column<Guid>(type: "uuid", nullable: false),
                    Cancelled = table.Column<bool>(type: "boolean", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_rsvps", x => new { x.EventId, x.MemberId });
                });

            migrationBuilder.CreateIndex(
                name: "IX_allowance_periods_SubscriptionId_PeriodStart",
                table: "allowance_periods",
                columns: new[] { "SubscriptionId", "PeriodStart" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_allowance_periods_TenantId",
                table: "allowance_periods",
                column: "TenantId");

            migrationBuilder.CreateIndex(
                name: "IX_allowance_periods_TenantId_MemberId_PeriodStart",
                table: "allowance_periods",
                columns: new[] { "TenantId", "MemberId", "PeriodStart" });

            migrationBuilder.CreateIndex(
                name: "IX_booking_settings_TenantId",
                table: "booking_settings",
                column: "TenantId");

            migrationBuilder.CreateIndex(
                name: "IX_bookings_EventId",
                table: "bookings",
                column: "EventId");

            migrationBuilder.CreateIndex(
                name: "IX_bookings_MemberId_Start",
                table: "bookings",
                columns: new[] { "MemberId", "Start" });

            migrationBuilder.CreateIndex(
                name: "IX_bookings_ResourceId_Start",
                table: "bookings",
                columns: new[] { "ResourceId", "Start" });

            migrationBuilder.CreateIndex(
                name: "IX_bookings_TenantId",
                table: "bookings",
                column: "TenantId");

            migrationBuilder.CreateIndex(
                name: "IX_bookings_TenantId_Date",
                table: "bookings",
                columns: new[] { "TenantId", "Date" });

            migrationBuilder.CreateIndex(
                name: "IX_calendar_feeds_TenantId",
                table: "calendar_feeds",
                column: "TenantId");

            migrationBuilder.CreateIndex(
                name: "IX_calendar_feeds_Token",
                table: "calendar_feeds",
                column: "Token",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_closures_TenantId",
                table: "closures",
                column: "TenantId");

            migrationBuilder.CreateIndex(
                name: "IX_closures_TenantId_Date",
                table: "closures",
                columns: new[] { "TenantId", "Date" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_day_passes_TenantId",
                table: "day_passes",
                column: "TenantId");

            migrationBuilder.CreateIndex(
                name: "IX_events_TenantId",
                table: "events",
                column: "TenantId");

            migrationBuilder.CreateIndex(
                name: "IX_events_TenantId_Start",
                table: "events",
                columns: new[] { "TenantId", "Start" });

            migrationBuilder.CreateIndex(
                name: "IX_idempotency_records_TenantId",
                table: "idempotency_records",
                column: "TenantId");

            migrationBuilder.CreateIndex(
                name: "IX_member_profiles_TenantId",
                table: "member_profiles",
                column: "TenantId");

            migrationBuilder.CreateIndex(
                name: "IX_opening_periods_TenantId",
                table: "opening_periods",
                column: "TenantId");

            migrationBuilder.CreateIndex(
                name: "IX_resources_TenantId",
                table: "resources",
                column: "TenantId");

            migrationBuilder.CreateIndex(
                name: "IX_rsvps_TenantId",
                table: "rsvps",
                column: "TenantId");

            migrationBuilder.CreateIndex(
                name: "IX_rsvps_TenantId_MemberId",
                table: "rsvps",
                columns: new[] { "TenantId", "MemberId" });

            // The database's own guard for exclusive resources (desks, rooms, offices): two confirmed or
            // checked-in bookings of one resource can never overlap, whatever the application does.
            migrationBuilder.Sql("CREATE EXTENSION IF NOT EXISTS btree_gist;");
            migrationBuilder.Sql(
                "ALTER TABLE bookings ADD CONSTRAINT ex_bookings_exclusive_overlap EXCLUDE USING gist " +
                "(\"ResourceId\" WITH =, tstzrange(\"Start\", \"End\", '[)') WITH &&) " +
                "WHERE (\"Exclusive\" AND \"Status\" IN ('Confirmed', 'CheckedIn'));");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("ALTER TABLE bookings DROP CONSTRAINT IF EXISTS ex_bookings_exclusive_overlap;");

            migrationBuilder.DropTable(
                name: "allowance_periods");

            migrationBuilder.DropTable(
                name: "booking_settings");

            migrationBuilder.DropTable(
                name: "bookings");

            migrationBuilder.DropTable(
                name: "calendar_feeds");

            migrationBuilder.DropTable(
                name: "closures");

            migrationBuilder.DropTable(
                name: "day_passes");

            migrationBuilder.DropTable(
                name: "events");

            migrationBuilder.DropTable(
                name: "idempotency_records");

            migrationBuilder.DropTable(
                name: "member_profiles");

            migrationBuilder.DropTable(
                name: "opening_periods");

            migrationBuilder.DropTable(
                name: "resources");

            migrationBuilder.DropTable(
                name: "rsvps");
        }
    }
}
