using CiSecrets.Scanning.Detection;
using CiSecrets.Scanning.Rules;

namespace CiSecrets.Scanning.Tests;

/// <summary>
/// What the whole catalog never reports, whichever rule looks: documented examples, placeholders,
/// references, SOPS ciphertext, integrity hashes, checksums, commit SHAs, UUIDs and public keys.
/// </summary>
public sealed class RulesNeverReportedTests
{
    private static readonly Dictionary<string, RuleExample> Samples = new(StringComparer.Ordinal)
    {
        ["documented AWS example key id"] = new(Sample.Join("aws_access_key_id = AKIA", "IOSFODNN7EXAMPLE\n"), ".aws/credentials"),
        ["documented AWS example secret"] = new(Sample.Join("aws_secret", "_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n"), ".aws/credentials"),
        ["placeholder in code"] = Sample.Join("pass", "word = \"change_me_in_production\""),
        ["angle-bracket placeholder"] = new(Sample.Join("api_", "key: \"<CHANGE_ME>\"\n"), "config.yaml"),
        ["your-api-key-here"] = new(Sample.Join("API_", "KEY=your-api-key-here\n"), ".env"),
        ["mask of x"] = Sample.Join("tok", "en = \"", new string('x', 32), "\""),
        ["empty value"] = new(Sample.Join("DB_PASS", "WORD=\nAPI_TOKEN=\"\"\n"), ".env"),
        ["shell reference"] = new(Sample.Join("pass", "word: ${DB_PASSWORD}\n"), "docker-compose.yml"),
        ["Helm template"] = new(Sample.Join("tok", "en: \"{{ .Values.token }}\"\n"), "chart/templates/deploy.yaml"),
        ["Python environment lookup"] = new(Sample.Join("pass", "word = os.environ[\"DB_PASSWORD\"]\n"), "settings.py"),
        ["Actions secrets expression"] = new(Sample.Join("DB_PASS", "WORD: ${{ secrets.DB_PASSWORD }}\n"), ".github/workflows/ci.yml"),
        ["secretKeyRef"] = new("env:\n  - name: DB_PASSWORD\n    valueFrom:\n      secretKeyRef:\n        name: db-secret\n        key: password\n", "k8s/deploy.yaml"),
        ["SOPS-encrypted file"] = new(SopsFile(), "secrets/prod.enc.yaml"),
        ["SRI integrity in HTML"] = new($"<script src=\"app.js\" integrity=\"{Sample.Token("sha384-", 64, Sample.Base64)}\" crossorigin=\"anonymous\"></script>\n", "index.html"),
        ["integrity hash in a manifest"] = new($"\"integrity\": \"{Sample.Token("sha512-", 86, Sample.Base64)}==\"\n", "vendor/manifest.json"),
        ["checksum file"] = new($"{Sample.Token("", 64, Sample.Hex)}  cisecrets-linux-x64.tar.gz\n", "SHA256SUMS"),
        ["digest-pinned image"] = new($"image: nginx@sha256:{Sample.Token("", 64, Sample.Hex, 1)}\n", "k8s/web.yaml"),
        ["tagged checksum under a secret-like name"] = new($"secret_checksum: sha256:{Sample.Token("", 64, Sample.Hex, 2)}\n", "release.yaml"),
        ["SHA-pinned action"] = new($"      - uses: actions/checkout@{Sample.Token("", 40, Sample.Hex, 3)}\n", ".github/workflows/ci.yml"),
        ["commit sha of a token change"] = Sample.Join("tok", "en_commit = \"", Sample.Token("", 40, Sample.Hex, 4), "\""),
        ["package versions under secret-like package names"] = new("{\n  \"dependencies\": {\n    \"CiSecrets.Gates\": \"1.0.0\",\n    \"Acme.SecretStore\": \"2.4.1-beta.3\"\n  }\n}\n", "app.deps.json"),
        ["UUID client id"] = new("AZURE_CLIENT_ID=dac6fb3d-713c-4555-8a97-4089aa3849be\nad_tenant_id: \"dac6fb3d-713c-4555-8a97-4089aa3849be\"\n", ".env"),
        ["ssh public key"] = new($"ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI{Sample.Token("", 43, Sample.Base64)} ci@example\n", ".ssh/authorized_keys"),
        ["public key under a key name"] = Sample.Join("signing_", "key = \"ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI", Sample.Token("", 43, Sample.Base64, 1), "\""),
        ["age recipient"] = new($"creation_rules:\n  - path_regex: .*\\.enc\\.yaml$\n    age: {Sample.Token("age1", 58, "qpzry9x8gf2tvdw0s3jn54khce6mua7l")}\n", ".sops.yaml"),
        ["age recipient under a key name"] = new($"encryption_key: {Sample.Token("age1", 58, "qpzry9x8gf2tvdw0s3jn54khce6mua7l", 1)}\n", "config.yaml"),
        ["PEM public key"] = Sample.Pem("PUBLIC KEY"),
    };

    public static TheoryData<string> SampleNames => [.. Samples.Keys];

    [Theory]
    [MemberData(nameof(SampleNames))]
    public void No_rule_reports_it(string name)
    {
        // Arrange
        var sample = Samples[name];
        var detector = new Detector(BuiltInRules.All, ScanAllowlist.Default);

        // Act
        var detections = detector.Detect(sample.Path, sample.Text);

        // Assert
        Assert.True(detections.Count == 0, $"{name} ({sample.Path}) was reported as [{string.Join(", ", detections.Select(d => d.ToString()))}]");
    }

    private static string SopsFile() =>
        $"""
        db:
            password: ENC[AES256_GCM,data:{Sample.Token("", 24, Sample.Base64)},iv:{Sample.Token("", 43, Sample.Base64, 1)}=,tag:{Sample.Token("", 22, Sample.Base64, 2)}==,type:str]
            api_token: ENC[AES256_GCM,data:{Sample.Token("", 44, Sample.Base64, 3)},iv:{Sample.Token("", 43, Sample.Base64, 4)}=,tag:{Sample.Token("", 22, Sample.Base64, 5)}==,type:str]
        sops:
            age:
                - recipient: {Sample.Token("age1", 58, "qpzry9x8gf2tvdw0s3jn54khce6mua7l", 2)}
                  enc: |
                    -----BEGIN AGE ENCRYPTED FILE-----
                    {Sample.Token("", 64, Sample.Base64, 6)}
                    {Sample.Token("", 40, Sample.Base64, 7)}
                    -----END AGE ENCRYPTED FILE-----
            lastmodified: "2026-01-01T00:00:00Z"
            mac: ENC[AES256_GCM,data:{Sample.Token("", 88, Sample.Base64, 8)},iv:{Sample.Token("", 43, Sample.Base64, 9)}=,tag:{Sample.Token("", 22, Sample.Base64, 10)}==,type:str]
            unencrypted_suffix: _unencrypted
            version: 3.9.0

        """;
}
