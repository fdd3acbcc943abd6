using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Operators.Booking.Persistence.Migrations.Sqlite
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
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    TenantId = table.Column<Guid>(type: "TEXT", nullable: false),
                    MemberId = table.Column<Guid>(type: "TEXT", nullable: false),
                    SubscriptionId = table.Column<Guid>(type: "TEXT", nullable: false),
                    PeriodStart = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    PeriodEnd = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    EndedOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    DeskDaysGranted = table.Column<int>(type: "INTEGER", nullable: false),
                    RoomHoursGranted = table.Column<decimal>(type: "TEXT", precision: 8, scale: 2, nullable: false),
                    DeskDaysUsed = table.Column<int>(type: "INTEGER", nullable: false),
                    RoomHoursUsed = table.Column<decimal>(type: "TEXT", precision: 8, scale: 2, nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_allowance_periods", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "booking_settings",
                columns: table => new
                {
                    TenantId = table.Column<Guid>(type: "TEXT", nullable: false),
                    MaxBookingHours = table.Column<int>(type: "INTEGER", nullable: false),
                    AdvanceWindowDays = table.Column<int>(type: "INTEGER", nullable: false),
                    FreeCancellationHours = table.Column<int>(type: "INTEGER", nullable: false),
                    LateCancellationFeeShare = table.Column<decimal>(type: "TEXT", precision: 5, scale: 4, nullable: false),
                    NoShowGraceMinutes = table.Column<int>(type: "INTEGER", nullable: false),
                    DayPassHoldMinutes = table.Column<int>(type: "INTEGER", nullable: false),
                    DefaultVatRate = table.Column<decimal>(type: "TEXT", precision: 5, scale: 2, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_booking_settings", x => x.TenantId);
                });

            migrationBuilder.CreateTable(
                name: "bookings",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    TenantId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ResourceId = table.Column<Guid>(type: "TEXT", nullable: false),
                    MemberId = table.Column<Guid>(type: "TEXT", nullable: true),
                    BookedBy = table.Column<Guid>(type: "TEXT", nullable: true),
                    Start = table.Column<DateTime>(type: "TEXT", nullable: false),
                    End = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Date = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    ByTheHour = table.Column<bool>(type: "INTEGER", nullable: false),
                    Exclusive = table.Column<bool>(type: "INTEGER", nullable: false),
                    Seats = table.Column<int>(type: "INTEGER", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    HoldExpiresAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    AllowancePeriodId = table.Column<Guid>(type: "TEXT", nullable: true),
                    AllowanceUsed = table.Column<decimal>(type: "TEXT", precision: 8, scale: 2, nullable: false),
                    ChargeAmount = table.Column<decimal>(type: "TEXT", precision: 12, scale: 2, nullable: false),
                    Currency = table.Column<string>(type: "TEXT", maxLength: 3, nullable: false),
                    VatRate = table.Column<decimal>(type: "TEXT", precision: 5, scale: 2, nullable: false),
                    CancellationFee = table.Column<decimal>(type: "TEXT", precision: 12, scale: 2, nullable: true),
                    AllowanceRefunded = table.Column<bool>(type: "INTEGER", nullable: false),
                    DayPassId = table.Column<Guid>(type: "TEXT", nullable: true),
                    EventId = table.Column<Guid>(type: "TEXT", nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    CancelledAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    CheckedInAt = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_bookings", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "calendar_feeds",
                columns: table => new
                {
                    TenantId = table.Column<Guid>(type: "TEXT", nullable: false),
                    MemberId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Token = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_calendar_feeds", x => new { x.TenantId, x.MemberId });
                });

            migrationBuilder.CreateTable(
                name: "closures",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    TenantId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Date = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_closures", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "day_passes",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    TenantId = table.Column<Guid>(type: "TEXT", nullable: false),
                    BookingId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Date = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    GuestName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    GuestEmail = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    MemberId = table.Column<Guid>(type: "TEXT", nullable: true),
                    PaidWith = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Price = table.Column<decimal>(type: "TEXT", precision: 12, scale: 2, nullable: false),
                    Currency = table.Column<string>(type: "TEXT", maxLength: 3, nullable: false),
                    VatRate = table.Column<decimal>(type: "TEXT", precision: 5, scale: 2, nullable: false),
                    HoldExpiresAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_day_passes", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "events",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    TenantId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Description = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    Start = table.Column<DateTime>(type: "TEXT", nullable: false),
                    End = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Capacity = table.Column<int>(type: "INTEGER", nullable: false),
                    RoomBookingId = table.Column<Guid>(type: "TEXT", nullable: true),
                    RoomId = table.Column<Guid>(type: "TEXT", nullable: true),
                    CreatedBy = table.Column<Guid>(type: "TEXT", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Attending = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_events", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "idempotency_records",
                columns: table => new
                {
                    TenantId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Caller = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Key = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    RequestHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    StatusCode = table.Column<int>(type: "INTEGER", nullable: false),
                    ResponseJson = table.Column<string>(type: "TEXT", nullable: false),
                    Location = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_idempotency_records", x => new { x.TenantId, x.Caller, x.Key });
                });

            migrationBuilder.CreateTable(
                name: "member_profiles",
                columns: table => new
                {
                    TenantId = table.Column<Guid>(type: "TEXT", nullable: false),
                    MemberId = table.Column<Guid>(type: "TEXT", nullable: false),
                    DisplayName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    DirectoryOptIn = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_member_profiles", x => new { x.TenantId, x.MemberId });
                });

            migrationBuilder.CreateTable(
                name: "opening_periods",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    TenantId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Day = table.Column<int>(type: "INTEGER", nullable: false),
                    Open = table.Column<TimeOnly>(type: "TEXT", nullable: false),
                    Close = table.Column<TimeOnly>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_opening_periods", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "resources",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    TenantId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 120, nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Capacity = table.Column<int>(type: "INTEGER", nullable: false),
                    PricePerDay = table.Column<decimal>(type: "TEXT", precision: 12, scale: 2, nullable: true),
                    PricePerHour = table.Column<decimal>(type: "TEXT", precision: 12, scale: 2, nullable: true),
                    VatRate = table.Column<decimal>(type: "TEXT", precision: 5, scale: 2, nullable: false),
                    BookableBy = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Amenities = table.Column<string>(type: "TEXT", nullable: false),
                    Active = table.Column<bool>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_resources", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "rsvps",
                columns: table => new
                {
                    EventId = table.Column<Guid>(type: "TEXT", nullable: false),
                    MemberId = table.Column<Guid>(type: "TEXT", nullable: false),
                    TenantId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Cancelled = table.Column<bool>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
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
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
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
