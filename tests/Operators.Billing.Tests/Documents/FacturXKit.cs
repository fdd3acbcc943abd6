using System.Diagnostics;

namespace Operators.Billing.Tests.Documents;

/// <summary>
/// Runs the vendored Factur-X kit (<c>tests/facturx/validate.sh</c>) and <c>qpdf --check</c> as processes. A missing
/// tool is a failure naming the Debian package to install (tests/run-all.sh installs them), never a skip.
/// </summary>
public static class FacturXKit
{
    public static string ValidateScript { get; } = Path.Combine(RepoPaths.Root, "tests", "facturx", "validate.sh");

    public static void RequireTools()
    {
        var missing = new (string Tool, string Package)[]
            {
                ("xmllint", "libxml2-utils"), ("java", "default-jre-headless"), ("pdfdetach", "poppler-utils"), ("qpdf", "qpdf"), ("python3", "python3"),
            }
            .Where(t => !OnPath(t.Tool))
            .Select(t => $"{t.Tool} (Debian package {t.Package})")
            .ToList();
        if (!File.Exists("/usr/share/java/Saxon-HE.jar"))
        {
            missing.Add("/usr/share/java/Saxon-HE.jar (Debian package libsaxonhe-java)");
        }

        if (missing.Count > 0)
        {
            throw new InvalidOperationException(
                "The Factur-X tests need " + string.Join(", ", missing) + "; tests/run-all.sh installs them.");
        }
    }

    public static Task<ProcessResult> Validate(string file) => Run("bash", ValidateScript, file);

    public static Task<ProcessResult> QpdfCheck(string file) => Run("qpdf", "--check", file);

    public static async Task<ProcessResult> Run(string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{program} did not start.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await process.WaitForExitAsync(timeout.Token);
        return new ProcessResult(process.ExitCode, await output + await error);
    }

    private static bool OnPath(string tool) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Any(dir => File.Exists(Path.Combine(dir, tool)));
}

public sealed record ProcessResult(int ExitCode, string Output);
