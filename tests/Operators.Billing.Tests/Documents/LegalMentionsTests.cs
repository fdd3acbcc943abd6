using Operators.Billing.Documents;

namespace Operators.Billing.Tests.Documents;

public sealed class LegalMentionsTests
{
    [Test]
    public void French_amounts_group_with_a_no_break_space_the_bundled_font_has_and_end_with_the_euro_sign()
    {
        var mentions = new LegalMentions(DocumentCases.B2cStandard());
        Assert.That(mentions.Money(1234.5m), Is.EqualTo("1\u00A0234,50\u00A0€"));
        Assert.That(mentions.Money(1234.5m).Contains('\u202F', StringComparison.Ordinal), Is.False);
    }

    [Test]
    public void English_amounts_put_the_euro_sign_first()
    {
        var mentions = new LegalMentions(DocumentCases.English());
        Assert.That(mentions.Money(1234.5m), Is.EqualTo("€1,234.50"));
        Assert.That(mentions.RecoveryIndemnityMention, Does.Contain("€40.00"));
    }

    [Test]
    public void A_business_customer_is_told_the_40_euro_indemnity_as_an_amount_and_a_consumer_that_it_does_not_apply()
    {
        Assert.That(new LegalMentions(DocumentCases.B2bWithSiren()).RecoveryIndemnityMention, Does.EndWith(": 40,00\u00A0€"));
        Assert.That(new LegalMentions(DocumentCases.B2cStandard()).RecoveryIndemnityMention, Does.Contain("non applicable"));
    }

    [Test]
    public void Unit_prices_keep_their_significant_decimals()
    {
        var mentions = new LegalMentions(DocumentCases.B2cStandard());
        Assert.That(mentions.UnitPrice(0.335m), Is.EqualTo("0,335\u00A0€"));
        Assert.That(mentions.UnitPrice(35m), Is.EqualTo("35,00\u00A0€"));
    }
}
