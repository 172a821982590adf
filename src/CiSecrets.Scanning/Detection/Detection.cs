using CiSecrets.Scanning.Rules;

namespace CiSecrets.Scanning.Detection;

/// <summary>
/// A secret found in one text. It holds the value, in memory only, because baselines and
/// attribution compare values; it never prints it.
/// </summary>
public sealed record Detection(Rule Rule, string Secret, int Index, int Line, int Column, int LineHash)
{
    public double Entropy => ShannonEntropy.Of(Secret);

    public string Preview => Redaction.Preview(Secret);

    /// <summary>Identifies the leaked line independent of where it sits: same rule, same value, same line text.</summary>
    public (string RuleId, string Secret, int LineHash) ContentKey => (Rule.Id, Secret, LineHash);

    public override string ToString() => $"{Rule.Id} at {Line}:{Column} ({Preview})";
}
