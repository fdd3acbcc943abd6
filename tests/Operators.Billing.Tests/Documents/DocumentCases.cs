using Operators.Billing.Documents;
using Operators.Billing.Invoices;
using Operators.Contracts;

namespace Operators.Billing.Tests.Documents;

/// <summary>
/// The documents every renderer test runs on, built the way the invoices API builds them: lines through
/// <see cref="InvoiceTotals"/>, so the amounts are the ones EN 16931's rules recompute.
/// </summary>
public static class DocumentCases
{
    public static readonly DateOnly IssueDate = new(2026, 11, 27);

    public static SellerSnapshot Company(bool vatOnDebits = false) => new(
        new PartySnapshot(
            "La Ruche Coworking",
            new Address("12 rue des Abeilles", "Bâtiment B", "69002", "Lyon"),
            IsBusiness: true,
            Siren: "732829320",
            Siret: "73282932000074",
            VatNumber: "FR44732829320",
            Email: "factures@laruche.example",
            ElectronicAddress: "732829320_FACTURES",
            LegalForm: "SAS",
            ShareCapital: 10000m,
            Rcs: "RCS Lyon 732 829 320"),
        VatFranchise: false,
        VatOnDebits: vatOnDebits,
        PaymentTermsDays: 30,
        LatePenaltyRate: 12m,
        Iban: "FR76 3000 6000 0112 3456 7890 189",
        Bic: "AGRIFRPP");

    public static SellerSnapshot Association() => new(
        new PartySnapshot(
            "Tiers-lieu Les Communs",
            new Address("3 place de la Mairie", null, "23000", "Guéret"),
            IsBusiness: true,
            Siren: "812345671",
            Siret: "81234567100018",
            VatNumber: null,
            Email: "tresorerie@lescommuns.example",
            ElectronicAddress: "812345671",
            LegalForm: "Association loi 1901",
            ShareCapital: null,
            Rcs: null),
        VatFranchise: true,
        VatOnDebits: false,
        PaymentTermsDays: 15,
        LatePenaltyRate: 10m,
        Iban: "FR76 1027 8060 3100 0205 5370 124",
        Bic: "CMCIFR2A");

    public static PartySnapshot Person() => new(
        "Élodie Martin-Lefèvre",
        new Address("8 allée des Tilleuls", null, "69100", "Villeurbanne"),
        IsBusiness: false,
        Siren: null,
        Siret: null,
        VatNumber: null,
        Email: "elodie.martin@example.org",
        ElectronicAddress: null,
        LegalForm: null,
        ShareCapital: null,
        Rcs: null);

    public static PartySnapshot Business() => new(
        "Atelier Numérique SARL",
        new Address("45 cours Lafayette", null, "69003", "Lyon"),
        IsBusiness: true,
        Siren: "552100554",
        Siret: "55210055400013",
        VatNumber: "FR40552100554",
        Email: "compta@atelier-numerique.example",
        ElectronicAddress: null,
        LegalForm: "SARL",
        ShareCapital: null,
        Rcs: null);

    public static PartySnapshot EnglishBusiness() => new(
        "Northern Lights Ltd",
        new Address("221 Baker Street", null, "NW1 6XE", "London", "GB"),
        IsBusiness: true,
        Siren: null,
        Siret: null,
        VatNumber: "GB123456789",
        Email: "accounts@northernlights.example",
        ElectronicAddress: null,
        LegalForm: null,
        ShareCapital: null,
        Rcs: null);

    public static InvoiceDocumentModel B2cStandard() => Build(
        "F-2026-00001", Company(), Person(), "fr",
        [("Pass journée open space", 3m, "DAY", 20.83m, 20m), ("Café et boissons", 1m, "C62", 4.17m, 20m)]);

    public static InvoiceDocumentModel B2bWithSiren() => Build(
        "F-2026-00002", Company(vatOnDebits: true), Business(), "fr",
        [("Bureau fermé 4 postes — novembre 2026", 1m, "MON", 1250m, 20m), ("Salle de réunion (heures)", 6.5m, "HUR", 35m, 20m)],
        serviceFrom: new DateOnly(2026, 11, 1), serviceTo: new DateOnly(2026, 11, 30));

    public static InvoiceDocumentModel AssociationFranchise() => Build(
        "F-2026-00003", Association(), Business(), "fr",
        [("Adhésion et poste nomade — novembre", 1m, "MON", 90m, 20m), ("Impressions", 120m, "C62", 0.05m, 20m)]);

    public static InvoiceDocumentModel ThreeRates() => Build(
        "F-2026-00004", Company(), Business(), "fr",
        [("Poste résident", 1m, "MON", 320m, 20m), ("Déjeuner traiteur", 12m, "C62", 11.5m, 10m),
         ("Ouvrages de la bibliothèque", 2m, "C62", 18.96m, 5.5m), ("Formation tableur", 1m, "C62", 149.99m, 20m)]);

    public static InvoiceDocumentModel ManyLines()
    {
        var tricky = new[] { 0.335m, 0.125m, 1.005m, 2.675m, 0.045m, 10.115m, 3.3333m, 0.665m };
        var rates = new[] { 20m, 10m, 5.5m };
        var lines = Enumerable.Range(0, 64)
            .Select(i => ($"Consommation n° {i + 1} — {(i % 2 == 0 ? "impression couleur" : "café")}", (decimal)(i % 5 + 1) * (i % 3 == 0 ? 3m : 1.5m), "C62", tricky[i % tricky.Length], rates[i % rates.Length]))
            .ToList();
        return Build("F-2026-00005", Company(), Business(), "fr", lines);
    }

    public static InvoiceDocumentModel FullCreditNote()
    {
        var invoice = B2bWithSiren();
        return invoice with
        {
            Kind = DocumentKind.CreditNote,
            Number = "AV-2026-00001",
            IssueDate = IssueDate.AddDays(2),
            DueDate = IssueDate.AddDays(2),
            PrecedingInvoiceNumber = invoice.Number,
            PrecedingInvoiceIssueDate = invoice.IssueDate,
        };
    }

    public static InvoiceDocumentModel PartialCreditNote() => Build(
        "AV-2026-00002", Company(), Business(), "fr",
        [("Remboursement salle de réunion annulée (heures)", 2m, "HUR", 35m, 20m)],
        kind: DocumentKind.CreditNote, preceding: ("F-2026-00002", IssueDate));

    public static InvoiceDocumentModel English() => Build(
        "F-2026-00006", Company(), EnglishBusiness(), "en",
        [("Hot desk — monthly pass", 2m, "MON", 240m, 20m), ("Meeting room (hours)", 3m, "HUR", 35m, 20m), ("Print credits", 250m, "C62", 0.08m, 20m)]);

    /// <summary>A guest who bought a day pass at the desk: a name and an e-mail, no postal address (BG-8 holds the country only).</summary>
    public static InvoiceDocumentModel GuestWithoutAddress() => Build(
        "F-2026-00007", Company(), Person() with { Address = new Address("", null, "", "") }, "fr",
        [("Pass journée du 12/12/2026", 1m, "DAY", 25m, 20m)]);

    /// <summary>A run's invoice: a plan change's credit for unused days (a negative line) with the new plan's charge.</summary>
    public static InvoiceDocumentModel RunWithCredit() => Build(
        "F-2026-00008", Company(), Business(), "fr",
        [("Abonnement Résident, 05/11/2026 – 04/12/2026", 1m, "C62", 290m, 20m), ("Crédit des jours non utilisés (Nomade)", -1m, "C62", 63.33m, 20m),
         ("Réservation Salle Tilleul, le 12/11/2026 de 10:00 à 12:00", 1m, "C62", 40m, 20m)],
        new DateOnly(2026, 11, 5), new DateOnly(2026, 12, 4));

    public static IEnumerable<TestCaseData> All()
    {
        yield return new TestCaseData(GuestWithoutAddress()).SetArgDisplayNames("guest without a postal address");
        yield return new TestCaseData(RunWithCredit()).SetArgDisplayNames("run invoice with a credit line");
        yield return new TestCaseData(B2cStandard()).SetArgDisplayNames("B2C standard VAT");
        yield return new TestCaseData(B2bWithSiren()).SetArgDisplayNames("B2B with SIREN and VAT number");
        yield return new TestCaseData(AssociationFranchise()).SetArgDisplayNames("association under VAT franchise");
        yield return new TestCaseData(ThreeRates()).SetArgDisplayNames("three VAT rates");
        yield return new TestCaseData(ManyLines()).SetArgDisplayNames("many lines with tricky rounding");
        yield return new TestCaseData(FullCreditNote()).SetArgDisplayNames("full credit note");
        yield return new TestCaseData(PartialCreditNote()).SetArgDisplayNames("partial credit note");
        yield return new TestCaseData(English()).SetArgDisplayNames("English document");
    }

    private static InvoiceDocumentModel Build(
        string number,
        SellerSnapshot seller,
        PartySnapshot buyer,
        string language,
        IReadOnlyList<(string Description, decimal Quantity, string Unit, decimal UnitPrice, decimal VatRate)> lines,
        DateOnly? serviceFrom = null,
        DateOnly? serviceTo = null,
        DocumentKind kind = DocumentKind.Invoice,
        (string Number, DateOnly Date)? preceding = null)
    {
        var invoice = new Invoice
        {
            Kind = kind,
            Lines = lines.Select((l, i) => new InvoiceLine
            {
                Position = i + 1,
                Description = l.Description,
                Quantity = l.Quantity,
                UnitCode = l.Unit,
                UnitPrice = l.UnitPrice,
                VatRate = l.VatRate,
            }).ToList(),
        };
        InvoiceTotals.Apply(invoice, seller.VatFranchise);
        return new InvoiceDocumentModel(
            kind,
            number,
            IssueDate,
            kind == DocumentKind.CreditNote ? IssueDate : IssueDate.AddDays(seller.PaymentTermsDays),
            serviceFrom,
            serviceTo,
            "EUR",
            language,
            seller,
            buyer,
            invoice.Lines.Select(l => new DocumentLine(l.Position, l.Description, l.Quantity, l.UnitCode, l.UnitPrice, l.VatRate, l.Net)).ToList(),
            InvoiceTotals.Breakdown(invoice.Lines),
            invoice.Net,
            invoice.VatTotal,
            invoice.Gross,
            Note: null,
            preceding?.Number,
            preceding?.Date);
    }
}
