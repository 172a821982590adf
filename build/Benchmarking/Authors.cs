namespace CiSecrets.Build.Benchmarking;

/// <summary>The made-up people who write the generated history.</summary>
public static class Authors
{
    public static IReadOnlyList<string> All { get; } =
    [
        "Avery Quinn <avery.quinn@example.com>",
        "Blake Moreno <blake.moreno@example.com>",
        "Casey Lindqvist <casey@example.com>",
        "Devon Okafor <devon.okafor@example.com>",
        "Emery Tanaka <emery.tanaka@example.com>",
        "Finley Novak <finley@example.com>",
        "Harper Ivanova <harper.ivanova@example.com>",
        "Jordan Abara <jordan.abara@example.com>",
        "Kendall Souza <kendall@example.com>",
        "Morgan Ferreira <morgan.ferreira@example.com>",
        "Riley Haddad <riley.haddad@example.com>",
        "Sawyer Kim <sawyer.kim@example.com>",
    ];
}
