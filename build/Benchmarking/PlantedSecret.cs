using System.Text;

namespace CiSecrets.Build.Benchmarking;

/// <summary>The kinds of fake secret planted into a generated history.</summary>
public enum SecretKind
{
    AwsAccessKeyId,
    GitHubPersonalAccessToken,
    DatabasePassword,
    PrivateKeyBlock,
}

/// <summary>
/// A fake secret for the benchmark repository: random values in the shape scanners look for, built
/// here from parts at run time so that this source file itself holds nothing a scanner would report.
/// </summary>
public static class PlantedSecret
{
    private const string Base32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    private const string AlphaNumeric = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private const string Base64 = AlphaNumeric + "+/";
    private const string PasswordCharacters = AlphaNumeric + "!#%^*-_";

    /// <summary>The lines to insert into a file; a private key spans many.</summary>
    public static IReadOnlyList<string> Lines(SecretKind kind, Random random) => kind switch
    {
        SecretKind.AwsAccessKeyId => [$"aws_access_key_id = \"{"AK" + "IA"}{Pick(random, Base32, 16)}\""],
        SecretKind.GitHubPersonalAccessToken => [$"gh_login = \"{"gh" + "p_"}{Pick(random, AlphaNumeric, 36)}\""],
        SecretKind.DatabasePassword => [$"{"DB_" + "PASS" + "WORD"} = '{Pick(random, PasswordCharacters, 24)}'"],
        SecretKind.PrivateKeyBlock => PrivateKey(random),
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    private static string[] PrivateKey(Random random)
    {
        const string dashes = "-----";
        var label = "RSA " + "PRIVATE" + " KEY";
        var body = Pick(random, Base64, 1_600);
        var lines = new List<string> { $"{dashes}BEGIN {label}{dashes}" };
        for (var i = 0; i < body.Length; i += 64)
        {
            lines.Add(body.Substring(i, Math.Min(64, body.Length - i)));
        }

        lines.Add($"{dashes}END {label}{dashes}");
        return [.. lines];
    }

    private static string Pick(Random random, string alphabet, int length)
    {
        var builder = new StringBuilder(length);
        for (var i = 0; i < length; i++)
        {
            builder.Append(alphabet[random.Next(alphabet.Length)]);
        }

        return builder.ToString();
    }
}
