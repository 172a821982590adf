namespace CiSecrets.Scanning.Rules;

/// <summary>Finds secrets inside <c>text[start..end)</c>.</summary>
public interface ISecretLocator
{
    IEnumerable<LocatedSecret> Locate(string text, int start, int end);
}

/// <summary>Where a secret sits in the scanned text: absolute offsets into the text.</summary>
public readonly record struct LocatedSecret(int Index, int Length);
