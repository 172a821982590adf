using System.Text.RegularExpressions;

namespace CiSecrets.Scanning.Rules.Catalog;

/// <summary>AWS access key ids (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_identifiers.html#identifiers-unique-ids).</summary>
internal static partial class AwsAccessToken
{
    public static Rule Rule { get; } = new()
    {
        Id = "aws-access-token",
        Description = "AWS access key id",
        Locator = new RegexLocator(Pattern()),
        Keywords = ["akia", "asia", "abia", "acca", "a3t"],
        MinEntropy = 3,
        TruePositives =
        [
            $"aws_access_key_id = {Sample.Token("AKIA", 16, Sample.Base32)}",
            $"export AWS_ACCESS_KEY_ID=\"{Sample.Token("ASIA", 16, Sample.Base32, 1)}\"",
        ],
        FalsePositives =
        [
            "aws_access_key_id = AKIA" + "IOSFODNN7EXAMPLE",
            "AKIA" + new string('X', 16),
            $"id = {Sample.Token("AKIA", 12, Sample.UpperDigits)}",
        ],
    };

    [GeneratedRegex(@"(?<![A-Z0-9])(?<secret>(?:A3T[A-Z0-9]|AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16})(?![A-Z0-9])")]
    private static partial Regex Pattern();
}
