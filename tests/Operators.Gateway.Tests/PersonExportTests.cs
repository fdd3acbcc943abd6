namespace Operators.Gateway.Tests;

/// <summary>The person export through the standalone host: each service's part comes through the host's own pipeline.</summary>
public sealed class PersonExportTests
{
    private StandaloneHost host = null!;
    private OperatorsClient admin = null!;

    [OneTimeSetUp]
    public async Task Start()
    {
        host = await StandaloneHost.StartAsync();
        admin = await host.AdminClientAsync();
    }

    [OneTimeTearDown]
    public async Task Stop()
    {
        admin.Dispose();
        await host.DisposeAsync();
    }

    [Test]
    public Task The_export_gathers_the_person_and_each_services_part_for_the_person_the_owner_and_a_network_admin_only() =>
        ExportScenario.RunAsync(admin, host.Process.BaseAddress, host.MailFolder, "export-standalone", TimeSpan.FromSeconds(60));
}
