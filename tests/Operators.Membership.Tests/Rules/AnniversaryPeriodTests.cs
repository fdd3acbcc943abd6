using Operators.Membership.Subscriptions;
using Operators.ServiceDefaults.Spaces;
using Operators.Tenancy;

namespace Operators.Membership.Tests.Rules;

/// <summary>Anniversary periods and proration on their own, in process, with fixed dates.</summary>
public sealed class AnniversaryPeriodTests
{
    private static DateOnly D(string iso) => DateOnly.Parse(iso, System.Globalization.CultureInfo.InvariantCulture);

    [TestCase("2027-01-31", 0, "2027-01-31", "2027-02-28")]
    [TestCase("2027-01-31", 1, "2027-02-28", "2027-03-31")]
    [TestCase("2027-01-31", 2, "2027-03-31", "2027-04-30")]
    [TestCase("2027-01-31", 3, "2027-04-30", "2027-05-31")]
    [TestCase("2028-01-31", 0, "2028-01-31", "2028-02-29")]
    [TestCase("2028-01-31", 1, "2028-02-29", "2028-03-31")]
    [TestCase("2028-02-29", 0, "2028-02-29", "2028-03-29")]
    [TestCase("2028-02-29", 11, "2029-01-29", "2029-02-28")]
    [TestCase("2028-02-29", 12, "2029-02-28", "2029-03-29")]
    [TestCase("2028-02-29", 48, "2032-02-29", "2032-03-29")]
    [TestCase("2027-03-27", 0, "2027-03-27", "2027-04-27")]
    [TestCase("2027-10-30", 0, "2027-10-30", "2027-11-30")]
    public void A_period_runs_from_the_anchor_plus_n_months_clamped_to_the_month_never_drifting(string anchor, int n, string start, string end)
    {
        Assert.That(AnniversaryPeriods.Period(D(anchor), n), Is.EqualTo(new DaySpan(D(start), D(end))));
    }

    [TestCase("2027-01-31", "2027-01-31", 0)]
    [TestCase("2027-01-31", "2027-02-27", 0)]
    [TestCase("2027-01-31", "2027-02-28", 1)]
    [TestCase("2027-01-31", "2027-03-30", 1)]
    [TestCase("2027-01-31", "2027-03-31", 2)]
    [TestCase("2027-01-31", "2028-01-30", 11)]
    [TestCase("2027-01-31", "2028-01-31", 12)]
    [TestCase("2028-02-29", "2029-02-28", 12)]
    [TestCase("2027-05-10", "2027-01-01", 0)]
    public void The_period_holding_a_day_is_found_whatever_the_month_lengths(string anchor, string day, int n)
    {
        Assert.That(AnniversaryPeriods.NumberOn(D(anchor), D(day)), Is.EqualTo(n));
    }

    [TestCase(100, 14, 28, 50)]
    [TestCase(100, 10, 31, 32.26)]
    [TestCase(10.05, 15, 30, 5.03)]
    [TestCase(100, 8, 28, 28.57)]
    [TestCase(100, 31, 31, 100)]
    [TestCase(99.99, 0, 30, 0)]
    public void Part_of_a_period_is_prorated_by_day_and_rounded_half_away_from_zero_to_the_cent(decimal price, int days, int periodDays, decimal expected)
    {
        var period = new DaySpan(D("2027-01-01"), D("2027-01-01").AddDays(periodDays));
        Assert.That(AnniversaryPeriods.Prorate(price, days, period), Is.EqualTo(expected));
    }

    [Test]
    public void A_span_is_sliced_along_the_anniversary_periods_each_piece_prorated_in_its_own_period()
    {
        var slices = AnniversaryPeriods.Slice(D("2027-03-10"), D("2027-03-10"), D("2027-05-18"), 100m).ToList();
        Assert.That(slices, Is.EqualTo(new[]
        {
            (new DaySpan(D("2027-03-10"), D("2027-04-10")), 100m),
            (new DaySpan(D("2027-04-10"), D("2027-05-10")), 100m),
            (new DaySpan(D("2027-05-10"), D("2027-05-18")), 25.81m),
        }));
    }

    /// <summary>Paris moves its clocks on 28 March 2027 (forward) and 31 October 2027 (back): "today" follows the local midnight.</summary>
    [TestCase("2027-03-27T22:59:00Z", "2027-03-27")]
    [TestCase("2027-03-27T23:00:00Z", "2027-03-28")]
    [TestCase("2027-03-28T21:59:00Z", "2027-03-28")]
    [TestCase("2027-03-28T22:00:00Z", "2027-03-29")]
    [TestCase("2027-10-30T21:59:00Z", "2027-10-30")]
    [TestCase("2027-10-30T22:00:00Z", "2027-10-31")]
    [TestCase("2027-10-31T22:59:00Z", "2027-10-31")]
    [TestCase("2027-10-31T23:00:00Z", "2027-11-01")]
    public void Today_is_the_space_s_local_date_across_a_daylight_saving_week(string utc, string today)
    {
        var space = new TenantInfo { Id = Guid.NewGuid(), Slug = "s", Name = "S", TimeZone = "Europe/Paris" };
        var instant = DateTime.Parse(utc, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AdjustToUniversal);
        Assert.That(SpaceDates.Today(instant, space), Is.EqualTo(D(today)));
    }
}
