using System.Text;
using CiSecrets.Sops.Age;
using CiSecrets.Testing;

namespace CiSecrets.Sops.Tests;

/// <summary>Helpers that build sops files for tests from identities generated at run time.</summary>
internal static class TestFiles
{
    public static SopsCreationRule RuleFor(params AgeIdentity[] identities) =>
        SopsCreationRule.ForAge(identities.Select(i => i.Recipient));

    public static string Encrypt(string plaintext, SopsFormat format, SopsCreationRule rule, string subject = "test") =>
        SopsEncryptor.Encrypt(Encoding.UTF8.GetBytes(plaintext), format, rule, subject, TestClock.Now);

    /// <summary>Encrypts <paramref name="plaintext"/> into <paramref name="name"/> in the folder (store by extension) and returns its path.</summary>
    public static string WriteEncrypted(TempDirectory folder, string name, string plaintext, SopsCreationRule rule)
    {
        var path = folder.Combine(name);
        File.WriteAllText(path, Encrypt(plaintext, SopsFormats.ForPath(name), rule, name));
        return path;
    }

    /// <summary>The lines of <paramref name="after"/> that differ from <paramref name="before"/> (same line count required).</summary>
    public static List<int> ChangedLines(string before, string after)
    {
        var a = before.Split('\n');
        var b = after.Split('\n');
        Assert.Equal(a.Length, b.Length);
        return [.. Enumerable.Range(0, a.Length).Where(i => a[i] != b[i])];
    }

    public static int LineOf(string text, string startsWith) =>
        Array.FindIndex(text.Split('\n'), l => l.TrimStart().StartsWith(startsWith, StringComparison.Ordinal));

    /// <summary>What follows <paramref name="startsWith"/> on the first line that starts with it (after its indentation).</summary>
    public static string ValueOf(string text, string startsWith) =>
        text.Split('\n')[LineOf(text, startsWith)].TrimStart()[startsWith.Length..];
}
