using Operators.ServiceDefaults.Validation;

namespace Operators.ServiceDefaults.Tests;

public sealed class TextRulesTests
{
    [TestCase("Salle de réunion « Les Tilleuls »")]
    [TestCase("Café ☕ et 🥐")]
    [TestCase("👩‍💻 développeuse")]
    [TestCase("Ωmega Ђорђе 東京")]
    public void Text_people_type_passes(string text) => Assert.That(TextRules.HasControlCharacters(text), Is.False);

    [TestCase("a\u0000b")]
    [TestCase("a\u001Bb")]
    [TestCase("a\u202Eb")]
    [TestCase("a\uFFFEb")]
    [TestCase("a\uFFFF")]
    [TestCase("a\uFDD0b")]
    [TestCase("lone \uD83D half")]
    [TestCase("\uDC00 lone low half")]
    public void What_is_not_text_or_would_not_survive_xml_is_refused(string text) => Assert.That(TextRules.HasControlCharacters(text), Is.True);

    [Test]
    public void Line_breaks_pass_only_where_several_lines_are_expected()
    {
        Assert.Multiple(() =>
        {
            Assert.That(TextRules.HasControlCharacters("one\ntwo", multiline: true), Is.False);
            Assert.That(TextRules.HasControlCharacters("one\ntwo"), Is.True);
        });
    }
}
