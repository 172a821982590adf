using CiSecrets.Testing;

namespace CiSecrets.Sops.Tests;

/// <summary>
/// External interop group: key groups and key types of files other implementations wrote (the reference
/// implementation's Shamir vector, sops' own PGP example). The same behaviour on files made at run time is
/// in <see cref="RejectionTests"/>.
/// </summary>
public sealed class NegativeVectorTests
{
    [Fact]
    public void Shamir_vector_opens_with_any_two_groups_and_not_with_one()
    {
        // Arrange
        var file = SopsFile.Load(Vectors.PathOf("generated/shamir-3groups-threshold2.enc.yaml"));
        var keys = Vectors.AllAgeKeys;
        var expected = Vectors.Expected("generated/shamir-3groups-threshold2.enc.yaml").DataKeyHex;

        // Act
        var pairs = new[] { (0, 1), (0, 2), (1, 2) }.Select(p => file.Decrypt([keys[p.Item1], keys[p.Item2]]).DataKeyHex()).ToList();
        var single = Assert.Throws<SopsException>(() => file.Decrypt([keys[2]]));

        // Assert
        Assert.All(pairs, key => Assert.Equal(expected, key));
        Assert.Equal(SopsErrorKind.ShamirThresholdNotMet, single.Kind);
        Assert.Equal(3, file.Metadata!.KeyGroups.Count);
        Assert.Equal(2, file.Metadata.ShamirThreshold);
    }

    [Fact]
    public void Sops_pgp_only_example_reports_its_recipients_and_that_it_cannot_be_opened_or_rotated()
    {
        // Arrange
        var file = SopsFile.Load(Vectors.PathOf("head/example.yaml"));

        // Act
        var error = Assert.Throws<SopsException>(() => file.Decrypt(Vectors.AgeKeys));
        var rotation = Assert.Throws<SopsException>(() => file.Rotate(Vectors.AgeKeys, TestClock.Now));

        // Assert
        Assert.Equal(SopsErrorKind.UnsupportedKeyType, error.Kind);
        Assert.Equal(SopsErrorKind.UnsupportedKeyType, rotation.Kind);
        Assert.Equal(2, file.Recipients.Count(r => r.Type == "pgp" && r.Identifier.Length == 40));
        Assert.True(file.IsEncrypted);
    }
}
