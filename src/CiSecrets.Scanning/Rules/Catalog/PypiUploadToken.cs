using System.Text.RegularExpressions;

namespace CiSecrets.Scanning.Rules.Catalog;

/// <summary>PyPI API tokens: macaroons whose serialisation starts with the pypi.org location (https://pypi.org/help/#apitoken).</summary>
internal static partial class PypiUploadToken
{
    public const string Prefix = "pypi-AgEIcHlwaS5vcmc";

    public static Rule Rule { get; } = new()
    {
        Id = "pypi-upload-token",
        Description = "PyPI upload token",
        Locator = new RegexLocator(Pattern()),
        Keywords = ["pypi-ageichlwas5vcmc"],
        MinEntropy = 3,
        TruePositives = [Sample.Join("password = ", Prefix, Sample.Token("", 160, Sample.Base64Url))],
        FalsePositives = [$"{Prefix}...", "password = pypi-token-here"],
    };

    [GeneratedRegex(@"(?<![A-Za-z0-9_-])(?<secret>pypi-AgEIcHlwaS5vcmc[A-Za-z0-9_-]{50,1000})(?![A-Za-z0-9_-])")]
    private static partial Regex Pattern();
}
