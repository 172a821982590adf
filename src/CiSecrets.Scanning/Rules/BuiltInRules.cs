using CiSecrets.Scanning.Rules.Catalog;

namespace CiSecrets.Scanning.Rules;

/// <summary>
/// The built-in catalog. Order matters only for ties: when two specific rules find the very same
/// span, the earlier one is reported; generic rules always yield to specific ones.
/// </summary>
public static class BuiltInRules
{
    public static IReadOnlyList<Rule> All { get; } =
    [
        AwsAccessToken.Rule,
        AwsSecretAccessKey.Rule,
        GitHubPat.Rule,
        PrivateKey.Rule,
        GenericSecret.Rule,
        GenericSecretInConfig.Rule,
    ];
}
