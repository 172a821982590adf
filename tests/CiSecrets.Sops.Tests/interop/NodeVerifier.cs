using System.Diagnostics;
using System.Text.Json;
using CiSecrets.Sops.Age;

namespace CiSecrets.Sops.Tests.Interop;

/// <summary>What the independent verifier said about a file: its exit code, the MAC verdict and the plaintext leaves per document.</summary>
internal sealed record NodeVerdict(int ExitCode, string Mac, IReadOnlyList<IReadOnlyDictionary<string, string>> Documents, string Error);

/// <summary>
/// Runs <c>interop/sops-verify.mjs</c> (plain Node.js, built-in crypto only) on a file. Identities go through
/// SOPS_AGE_KEY in the child's environment, never its arguments. A machine without node fails the test with
/// a message saying so: CI installs nodejs (.ci/run).
/// </summary>
internal static class NodeVerifier
{
    private static string Script => Path.Combine(AppContext.BaseDirectory, "interop", "sops-verify.mjs");

    public static NodeVerdict Verify(string file, params AgeIdentity[] identities)
    {
        var start = new ProcessStartInfo("node") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Script);
        start.ArgumentList.Add(file);
        start.Environment["SOPS_AGE_KEY"] = string.Join('\n', identities.Select(i => i.ExportSecret()));
        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException("node did not start");
        }
        catch (System.ComponentModel.Win32Exception)
        {
            Assert.Fail("node (Node.js 20 or later) is not on PATH: the SOPS interoperability tests run an independent verifier with it. Install nodejs (apt-get install nodejs); CI's .ci/run does.");
            throw;
        }

        using (process)
        {
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(60_000))
            {
                process.Kill(entireProcessTree: true);
                Assert.Fail($"node {Script} {file} did not finish within 60 s");
            }

            if (output.Result.Length == 0)
            {
                return new NodeVerdict(process.ExitCode, "", [], error.Result.Trim());
            }

            var root = JsonDocument.Parse(output.Result).RootElement;
            var documents = root.GetProperty("documents").EnumerateArray()
                .Select(d => (IReadOnlyDictionary<string, string>)d.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!))
                .ToList();
            return new NodeVerdict(process.ExitCode, root.GetProperty("mac").GetString()!, documents, error.Result.Trim());
        }
    }
}
