namespace CiSecrets.Sops;

/// <summary>A new plaintext value for the value at <paramref name="Path"/> in document <paramref name="Document"/> (0 for single-document files).</summary>
public sealed record SopsValueChange(int Document, SopsPath Path, SopsScalar Value)
{
    public override string ToString() => $"SopsValueChange({Document}, {Path}, {Redaction.Mask})";
}
