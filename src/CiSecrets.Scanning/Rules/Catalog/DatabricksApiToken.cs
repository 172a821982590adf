using System.Text.RegularExpressions;

namespace CiSecrets.Scanning.Rules.Catalog;

/// <summary>Databricks personal access tokens, which start with dapi and go on with 32 hex characters and an optional -N.</summary>
internal static partial class DatabricksApiToken
{
    public static Rule Rule { get; } = new()
    {
        Id = "databricks-api-token",
        Description = "Databricks personal access token",
        Locator = new RegexLocator(Pattern()),
        Keywords = ["dapi"],
        MinEntropy = 3,
        TruePositives = [Sample.Join("DATABRICKS_TOKEN=dapi", Sample.Token("", 32, Sample.Hex))],
        FalsePositives = ["dapi1234", $"mydapi{Sample.Token("", 32, Sample.Hex)}", $"dapi{Sample.Token("", 34, Sample.Hex, 1)}"],
    };

    [GeneratedRegex(@"(?<![A-Za-z0-9_])(?<secret>dapi[a-fA-F0-9]{32}(?:-[0-9])?)(?![A-Za-z0-9])")]
    private static partial Regex Pattern();
}
