using System.Globalization;
using System.Text.RegularExpressions;

namespace CiSecrets.Sops.Tests;

/// <summary>
/// Ways of breaking the encrypted YAML sample of <see cref="GeneratedFiles"/> (<see cref="GeneratedSamples.YamlText"/>)
/// that an honest reader must reject, each named as in the interop data's negative vectors.
/// </summary>
internal static partial class Tampering
{
    /// <summary>An unencrypted value changed: every value still decrypts, the MAC no longer matches.</summary>
    public const string TamperedUnencryptedValue = "tampered-unencrypted-value";

    /// <summary>The first two items of a list swapped: their AAD is the same (the list's path), so only the MAC covers the order.</summary>
    public const string ReorderedList = "reordered-list";

    /// <summary>The line of <c>app2.db.password</c> deleted.</summary>
    public const string DeletedKey = "deleted-key";

    /// <summary>The ciphertexts of <c>app2.db.user</c> and <c>app2.db.password</c> swapped: the AAD (the path) no longer matches.</summary>
    public const string SwappedValues = "swapped-values";

    /// <summary><c>lastmodified</c> one second later: the stored MAC's AAD no longer matches.</summary>
    public const string ChangedLastModified = "changed-lastmodified";

    /// <summary>The text broken the named way (it must differ from the original).</summary>
    public static string Apply(string kind, string text)
    {
        var tampered = Break(kind, text);
        Assert.NotEqual(text, tampered);
        return tampered;
    }

    private static string Break(string kind, string text) => kind switch
    {
        TamperedUnencryptedValue => Replace(text, "notsecret_unencrypted:", l => l + "!"),
        ReorderedList => SwapLines(text, TestFiles.LineOf(text, "an_array:") + 1, TestFiles.LineOf(text, "an_array:") + 2),
        DeletedKey => string.Join('\n', text.Split('\n').Where((_, i) => i != TestFiles.LineOf(text, "password:"))),
        SwappedValues => SwapValues(text, "user: ", "password: "),
        ChangedLastModified => Replace(text, "lastmodified:", l => LastModified().Replace(l, m =>
            DateTimeOffset.Parse(m.Value, CultureInfo.InvariantCulture).ToUniversalTime().AddSeconds(1).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture))),
        _ => throw new ArgumentException($"no tampering {kind}", nameof(kind)),
    };

    /// <summary>The line starting with <paramref name="startsWith"/> with the first byte of its ENC field <paramref name="field"/> (data, iv or tag) flipped.</summary>
    public static string FlipFirstByte(string text, string startsWith, string field) => Replace(text, startsWith, line =>
    {
        var match = Regex.Match(line, field + ":([^,]+),", RegexOptions.None, TimeSpan.FromSeconds(1));
        Assert.True(match.Success);
        var bytes = Convert.FromBase64String(match.Groups[1].Value);
        bytes[0] ^= 0x01;
        return line[..match.Groups[1].Index] + Convert.ToBase64String(bytes) + line[(match.Groups[1].Index + match.Groups[1].Length)..];
    });

    private static string Replace(string text, string startsWith, Func<string, string> change)
    {
        var lines = text.Split('\n');
        var index = TestFiles.LineOf(text, startsWith);
        Assert.True(index >= 0, $"no line starts with {startsWith}");
        lines[index] = change(lines[index]);
        return string.Join('\n', lines);
    }

    private static string SwapLines(string text, int a, int b)
    {
        var lines = text.Split('\n');
        (lines[a], lines[b]) = (lines[b], lines[a]);
        return string.Join('\n', lines);
    }

    private static string SwapValues(string text, string first, string second)
    {
        var a = TestFiles.ValueOf(text, first);
        var b = TestFiles.ValueOf(text, second);
        return Replace(Replace(text, first, l => l.Replace(a, b, StringComparison.Ordinal)), second, l => l.Replace(b, a, StringComparison.Ordinal));
    }

    [GeneratedRegex("[0-9]{4}-[0-9T:.+Z-]{14,}")]
    private static partial Regex LastModified();
}
