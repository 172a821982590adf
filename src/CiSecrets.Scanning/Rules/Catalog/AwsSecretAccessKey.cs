using System.Text.RegularExpressions;

namespace CiSecrets.Scanning.Rules.Catalog;

/// <summary>AWS secret access keys: 40 base64 characters, recognisable only by the name they are assigned to.</summary>
internal static partial class AwsSecretAccessKey
{
    public static Rule Rule { get; } = new()
    {
        Id = "aws-secret-access-key",
        Description = "AWS secret access key",
        Locator = new RegexLocator(Pattern()),
        Keywords = ["aws_secret", "aws-secret", "awssecret", "secret_access_key", "secretaccesskey", "secret-access-key"],
        MinEntropy = 3.5,
        TruePositives =
        [
            $"aws_secret_access_key = {Sample.Token("", 40, Sample.Base64)}",
            $"\"SecretAccessKey\": \"{Sample.Token("", 40, Sample.Base64, 1)}\"",
            $"AWS_SECRET_ACCESS_KEY: '{Sample.Token("", 40, Sample.Base64, 2)}'",
        ],
        FalsePositives =
        [
            "aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
            "aws_secret_access_key = ${AWS_SECRET_ACCESS_KEY}",
            $"aws_secret_access_key = {new string('x', 40)}",
        ],
    };

    [GeneratedRegex(@"(?i)(?:aws)?[_.-]?secret[_.-]?access[_.-]?key[""']?\s*(?::=|=>|=|:)\s*[""']?(?<secret>[A-Za-z0-9/+]{40})(?![A-Za-z0-9/+=])")]
    private static partial Regex Pattern();
}
