using System.Globalization;
using System.Text;
using CiSecrets.Build.Engine;
using CiSecrets.Sops;
using CiSecrets.Sops.Age;

namespace CiSecrets.Build.Benchmarking;

/// <summary>A generated repository of SOPS files and the age key file that opens them (kept outside the repository).</summary>
public sealed record SopsBenchmarkRepository(string Path, string KeyFile, int Files);

/// <summary>
/// Generates a git repository with a <c>.sops.yaml</c> and <paramref name="files"/> files encrypted for one age
/// recipient, a realistic mix: 40% multi-document Kubernetes Secret bundles (<c>encrypted_regex</c>), 30% dotenv,
/// 30% JSON application settings. Values are random; the key is generated at run time.
/// </summary>
public static class SopsRepositoryGenerator
{
    public static SopsBenchmarkRepository Generate(string directory, int files, int seed)
    {
        if (Directory.Exists(directory))
        {
            Directory.Delete(directory, recursive: true);
        }

        Directory.CreateDirectory(directory);
        var identity = AgeIdentity.Generate();
        var keyFile = directory + ".keys.txt";
        File.WriteAllText(keyFile, $"# benchmark key, generated {DateTimeOffset.UtcNow:O}\n{identity.ExportSecret()}\n");
        var recipient = identity.Recipient.Text;
        File.WriteAllText(Path.Combine(directory, ".sops.yaml"),
            $"creation_rules:\n  - path_regex: ^k8s/.*\\.yaml$\n    encrypted_regex: ^(data|stringData)$\n    age: {recipient}\n  - path_regex: \\.(env|json)$\n    age: {recipient}\n");
        File.WriteAllText(Path.Combine(directory, ".gitignore"), ".env\n*.secret\n*.key\n");

        var random = new Random(seed);
        var manifests = SopsCreationRule.ForAge([identity.Recipient], new EncryptionRules { EncryptedRegex = "^(data|stringData)$" });
        var plain = SopsCreationRule.ForAge([identity.Recipient]);
        for (var i = 0; i < files; i++)
        {
            var (relative, text, rule) = (i % 10) switch
            {
                < 4 => ($"k8s/service-{i:D4}/secrets.yaml", SecretBundle(random, i), manifests),
                < 7 => ($"config/service-{i:D4}/app.env", Dotenv(random), plain),
                _ => ($"config/service-{i:D4}/settings.json", Json(random, i), plain),
            };
            var path = Path.Combine(directory, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, SopsEncryptor.Encrypt(Encoding.UTF8.GetBytes(text), SopsFormats.ForPath(relative), rule, relative, DateTimeOffset.UtcNow));
        }

        Git(directory, "init", "-q", "-b", "main");
        Git(directory, "add", "-A");
        Git(directory, "-c", "user.name=benchmark", "-c", "user.email=benchmark@example.invalid", "commit", "-q", "-m", "generated SOPS files");
        return new SopsBenchmarkRepository(directory, keyFile, files);
    }

    private static void Git(string directory, params string[] arguments) =>
        ProcessRunner.EnsureSuccess(new ToolRun("git", arguments), ProcessRunner.Run(new ToolRun("git", arguments) { WorkingDirectory = directory, CaptureStderr = true, EchoCommand = false }));

    private static string Value(Random random, int length) =>
        string.Create(length, random, (span, r) =>
        {
            const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
            for (var i = 0; i < span.Length; i++)
            {
                span[i] = alphabet[r.Next(alphabet.Length)];
            }
        });

    private static string SecretBundle(Random random, int index)
    {
        var text = new StringBuilder();
        for (var document = 0; document < 3; document++)
        {
            text.Append(document > 0 ? "---\n" : "")
                .Append(CultureInfo.InvariantCulture, $"apiVersion: v1\nkind: Secret\nmetadata:\n    name: service-{index}-{document}\n    namespace: apps\ntype: Opaque\nstringData:\n")
                .Append(CultureInfo.InvariantCulture, $"    PASSWORD: {Value(random, 32)}\n    API_KEY: {Value(random, 64)}\n    USER: app{index}\n")
                .Append(CultureInfo.InvariantCulture, $"data:\n    TLS_KEY: {Convert.ToBase64String(Encoding.ASCII.GetBytes(Value(random, 48)))}\n");
        }

        return text.ToString();
    }

    private static string Dotenv(Random random) =>
        $"# service settings\nDATABASE_URL=postgres://app:{Value(random, 24)}@db:5432/app\nREDIS_PASSWORD={Value(random, 32)}\nJWT_SECRET={Value(random, 64)}\nLOG_LEVEL=info\nFEATURE_FLAGS=a,b,c\n";

    private static string Json(Random random, int index) =>
        string.Create(CultureInfo.InvariantCulture, $"{{\"service\": \"svc-{index}\", \"replicas\": {1 + (index % 5)}, \"ratio\": 0.{index % 97 + 1}, \"enabled\": true, ")
        + string.Create(CultureInfo.InvariantCulture, $"\"database\": {{\"user\": \"app\", \"password\": \"{Value(random, 32)}\", \"hosts\": [\"db-1\", \"db-2\"]}}, ")
        + string.Create(CultureInfo.InvariantCulture, $"\"api\": {{\"key\": \"{Value(random, 48)}\", \"timeout_unencrypted\": 30}}}}\n");
}
