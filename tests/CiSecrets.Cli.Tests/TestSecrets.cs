using System.Text.Json;
using CiSecrets.Scanning.Rules;

namespace CiSecrets.Cli.Tests;

/// <summary>Live-looking secrets assembled at run time, so none is committed to this repository.</summary>
internal static class TestSecrets
{
    public static string AwsKeyId(int variant = 0) => Sample.Token("AKIA", 16, Sample.Base32, variant);

    public static string GitHubToken(int variant = 0) => Sample.Token("ghp_", 36, Sample.AlphaNumeric, variant);

    /// <summary>A config line leaking a token, the way people actually leak them.</summary>
    public static string AwsLine(int variant = 0) => $"aws_access_key_id = {AwsKeyId(variant)}\n";

    /// <summary>The findings of a JSON report.</summary>
    public static IReadOnlyList<JsonElement> Findings(string json) =>
        [.. JsonDocument.Parse(json).RootElement.GetProperty("findings").EnumerateArray()];

    public static string Field(this JsonElement finding, string name) => finding.GetProperty(name).ToString();
}
