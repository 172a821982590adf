using System.Text.RegularExpressions;

namespace CiSecrets.Scanning.Rules.Catalog;

/// <summary>
/// Secrets in the AWS CLI credentials file and s3cmd's .s3cfg (<c>aws_secret_access_key</c>,
/// <c>aws_session_token</c>, <c>secret_key</c>), whatever their length or shape
/// (https://docs.aws.amazon.com/cli/latest/userguide/cli-configure-files.html).
/// </summary>
internal static partial class AwsCredentialsFile
{
    public static Rule Rule { get; } = new()
    {
        Id = "aws-credentials-file",
        Description = "Secret in an AWS credentials or s3cmd config file",
        Locator = new RegexLocator(Pattern()),
        Keywords = ["secret_key", "secret_access_key", "session_token", "security_token", "access_token"],
        PathPattern = CredentialsPath(),
        Validator = CredentialValues.IsLiteral,
        TruePositives =
        [
            new(Sample.Join("[default]\naws_access_key_id = AKIA", "IOSFODNN7EXAMPLE\naws_session", "_token = ", Sample.Token("", 300, Sample.Base64), "\n"), ".aws/credentials"),
            new(Sample.Join("[default]\naccess_key = minio\nsecret", "_key = ", Sample.Token("", 32, Sample.AlphaNumeric, 1), "\n"), ".s3cfg"),
        ],
        FalsePositives =
        [
            new(Sample.Join("[default]\nsecret", "_key = \n"), ".s3cfg"),
            new(Sample.Join("[default]\naws_secret", "_access_key = ${AWS_SECRET_ACCESS_KEY}\n"), ".aws/credentials"),
            new(Sample.Join("secret", "_key = ", Sample.Token("", 32, Sample.AlphaNumeric, 1), "\n"), "src/app.py"),
        ],
    };

    [GeneratedRegex(@"(?im)^[ \t]*(?:aws_secret_access_key|aws_session_token|aws_security_token|secret_key|access_token)[ \t]*[=:][ \t]*(?<secret>[^\s#;]{1,4096})")]
    private static partial Regex Pattern();

    [GeneratedRegex(@"(?:^|/)(?:\.aws/credentials|credentials|\.?s3cfg)$")]
    private static partial Regex CredentialsPath();
}
