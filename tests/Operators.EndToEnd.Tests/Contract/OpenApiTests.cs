namespace Operators.EndToEnd.Tests.Contract;

/// <summary>Each service's OpenAPI document is served and documents, for every operation, how it can fail.</summary>
public sealed class OpenApiTests
{
    [Test]
    public async Task Every_service_document_is_served_and_every_operation_lists_its_error_responses()
    {
        using var client = ContractSite.Host.Process.CreateClient();
        var (documents, missing) = await OpenApiDocuments.ReadAsync(client, OpenApiDocuments.Services);
        // The whole host's document too, while it serves one: its operations are the same ones.
        var (whole, _) = await OpenApiDocuments.ReadAsync(client, ["v1"]);
        var undocumented = OpenApiDocumentsCheck.WithoutErrors(documents.Concat(whole).ToDictionary());

        Assert.Multiple(() =>
        {
            Assert.That(missing, Is.Empty, OpenApiDocumentsCheck.Listing("per-service documents not served by the standalone host", missing));
            Assert.That(documents.Concat(whole), Is.Not.Empty, "no document to read");
            Assert.That(undocumented, Is.Empty, OpenApiDocumentsCheck.Listing("operations documenting no error response (only success)", undocumented));
        });
    }
}

/// <summary>What both hosting modes' document tests check.</summary>
internal static class OpenApiDocumentsCheck
{
    /// <summary>Every operation whose responses are only successes, as "document: METHOD path (codes)".</summary>
    public static List<string> WithoutErrors(IReadOnlyDictionary<string, System.Text.Json.Nodes.JsonObject> documents) =>
        documents.SelectMany(d => OpenApiDocuments.Operations(d.Key, d.Value))
            .Where(o => !o.DocumentsErrors && !o.CannotFail)
            .DistinctBy(o => (o.Method, o.Path))
            .Select(o => $"{o.Document}: {o} ({string.Join(", ", o.ResponseCodes)})")
            .ToList();

    /// <summary>A failure message naming every item (the assertion's own display cuts long lists short).</summary>
    public static string Listing(string title, IReadOnlyCollection<string> items) =>
        $"{items.Count} {title}:{Environment.NewLine}    " + string.Join(Environment.NewLine + "    ", items);
}
