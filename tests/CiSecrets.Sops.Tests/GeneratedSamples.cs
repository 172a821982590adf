namespace CiSecrets.Sops.Tests;

/// <summary>One plaintext the library encrypts at run time, with the options of its creation rule.</summary>
internal sealed record GeneratedSample(string Name, string Plaintext, EncryptionRules? Rules = null, bool Shamir = false);

/// <summary>
/// The plaintexts of <see cref="GeneratedFiles"/>: one per store and per option the tests need (comments, lists,
/// typed values, encrypted_regex with mac_only_encrypted, unencrypted_regex, several documents, Shamir groups).
/// Written for these tests; nothing here comes from the external interop data.
/// </summary>
internal static class GeneratedSamples
{
    public const string Yaml = "example.yaml";
    public const string Json = "example.json";
    public const string Ini = "example.ini";
    public const string Binary = "example.txt";
    public const string Dotenv = "app.env";
    public const string MultiDocument = "multidoc.yaml";
    public const string Types = "types.yaml";
    public const string Shamir = "shamir.yaml";
    public const string KubernetesManifest = "k8s-secret.yaml";
    public const string UnencryptedRegexJson = "app.unencrypted-regex.json";

    /// <summary>Nested maps, lists, a block string, typed values, encrypted comments and an _unencrypted key.</summary>
    public const string YamlText = """
        # the first application
        myapp1: first-app-value
        app2:
            db:
                user: app2-user
                password: app2-db-value
                # who to ask
            key: |-
                line one
                line two
        number: 1234.5
        an_array:
            - first item
            - second item
            - third item
        somebooleans:
            - true
            - false
        notsecret_unencrypted: stays in clear text

        """;

    public const string JsonText = """
        {
            "firstName": "Ada",
            "lastName": "Lovelace",
            "age": 36,
            "ratio": 0.25,
            "active": true,
            "address": {
                "city": "London",
                "postalCode": "W1"
            },
            "phoneNumbers": [
                {
                    "type": "home",
                    "number": "555-0100"
                }
            ],
            "empty": "",
            "nothing": null,
            "note_unencrypted": "in clear"
        }

        """;

    public const string IniText = "; the owner\n[name]\nfirstName = Ada\nlastName  = Lovelace\n\n[address]\ncity   = London\nstreet = Main Street\n\n[not private]\nnotsecret_unencrypted = hi there\n";

    public const string DotenvText = "DB_HOST=db.internal\n# a comment line\nDB_PASSWORD=env-db-not-a-secret\nMULTI=line1\\nline2\nEMPTY=\nkey with space = spaced value \n";

    public const string MultiDocumentText = "first: one\nnested:\n    value: 1\n---\nsecond: two\nlist:\n    - a\n    - b\n";

    /// <summary>yaml.v3 scalar typing: ints in three notations, floats, a string that looks like a bool, null, a time, Unicode, lists in lists.</summary>
    public const string TypesText = """
        int: 42
        negative: -7
        hex: 0x1F
        float: 3.25
        exponent: 1e3
        yes_is_a_string: yes
        bool: true
        nothing: null
        empty: ""
        date: 2024-01-01
        multi: |
            line one
            line two
        key with spaces: hello world
        unicode: héllo wörld
        nested:
            - - inner
              - 2
            - map: value
        kept_unencrypted: plain text

        """;

    public const string KubernetesManifestText = "apiVersion: v1\nkind: Secret\nmetadata:\n    name: db\ntype: Opaque\nstringData:\n    username: app\n    token: k8s-token-not-a-secret\ndata:\n    blob: dmFsdWU=\n";

    /// <summary>An integer above 2^53, which a double would round.</summary>
    public const string UnencryptedRegexJsonText = """
        {
            "service": "api",
            "tags": [
                "a",
                "b"
            ],
            "big": 9007199254740993,
            "none": null,
            "on": true,
            "ratio": 0.1,
            "token": "json-token-not-a-secret"
        }

        """;

    public const string ShamirText = "db:\n    password: shamir-db-value\n";

    public static IReadOnlyList<GeneratedSample> All { get; } =
    [
        new(Yaml, YamlText),
        new(Json, JsonText),
        new(Ini, IniText),
        new(Binary, "line one\nline two\n"),
        new(Dotenv, DotenvText),
        new(MultiDocument, MultiDocumentText),
        new(Types, TypesText),
        new(Shamir, ShamirText, Shamir: true),
        new(KubernetesManifest, KubernetesManifestText, new EncryptionRules { EncryptedRegex = "^(data|stringData)$", MacOnlyEncrypted = true }),
        new(UnencryptedRegexJson, UnencryptedRegexJsonText, new EncryptionRules { UnencryptedRegex = "^(service|tags)$" }),
    ];

    public static GeneratedSample Named(string name) => All.SingleOrDefault(s => s.Name == name) ?? throw new ArgumentException($"no generated sample {name}", nameof(name));
}
