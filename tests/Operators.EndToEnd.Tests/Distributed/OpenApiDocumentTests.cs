using Operators.EndToEnd.Tests.Contract;

namespace Operators.EndToEnd.Tests.Distributed;

/// <summary>Through the distributed gateway, the same per-service OpenAPI documents as the standalone host serves.</summary>
[NonParallelizable]
public sealed class OpenApiDocumentTests
{
    [Test]
    public async Task Every_service_document_is_served_through_the_gateway_and_every_operation_lists_its_error_responses()
    {
        using var client = DistributedSetup.Hosts.Gateway.CreateClient();
        var (documents, missing) = await OpenApiDocuments.ReadAsync(client, OpenApiDocuments.Services);
        // The gateway's own document under its default name too, while it serves one.
        var (own, _) = await OpenApiDocuments.ReadAsync(client, ["v1"]);
        var undocumented = OpenApiDocumentsCheck.WithoutErrors(documents.Concat(own).ToDictionary());

        Assert.Multiple(() =>
        {
            Assert.That(missing, Is.Empty, OpenApiDocumentsCheck.Listing("per-service documents not served by the gateway", missing));
            Assert.That(undocumented, Is.Empty, OpenApiDocumentsCheck.Listing("operations documenting no error response (only success)", undocumented));
        });
    }
}
