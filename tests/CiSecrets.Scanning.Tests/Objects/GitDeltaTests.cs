using System.Text;
using CiSecrets.Scanning.Sources.Objects;

namespace CiSecrets.Scanning.Tests.Objects;

public sealed class GitDeltaTests
{
    private static readonly byte[] Source = Encoding.ASCII.GetBytes("the quick brown fox jumps over the lazy dog");

    /// <summary>source size 43, result size 13: copy 5 bytes from offset 4 ("quick"), insert " cat", copy 4 from 39 ("dog" + nothing).</summary>
    private static byte[] Delta(params byte[] instructions) => [43, (byte)(5 + 4 + 4), .. instructions];

    private static readonly byte[] QuickCatLazy =
    [
        0x80 | 0x01 | 0x10, 4, 5,      // copy offset 4, length 5: "quick"
        4, (byte)' ', (byte)'c', (byte)'a', (byte)'t', // insert " cat"
        0x80 | 0x01 | 0x10, 35, 4,     // copy offset 35, length 4: "lazy"
    ];

    [Fact]
    public void Copies_and_inserts_build_the_result()
    {
        var delta = Delta(QuickCatLazy);
        var result = new byte[GitDelta.ResultSize(delta)];

        Assert.True(GitDelta.TryApply(Source, delta, result));
        Assert.Equal("quick catlazy", Encoding.ASCII.GetString(result));
    }

    [Fact]
    public void A_copy_of_size_zero_means_sixty_four_kilobytes()
    {
        var source = Enumerable.Range(0, 0x10000).Select(i => (byte)i).ToArray();
        byte[] delta = [0x80, 0x80, 0x04, 0x80, 0x80, 0x04, 0x80];
        var result = new byte[GitDelta.ResultSize(delta)];

        Assert.True(GitDelta.TryApply(source, delta, result));
        Assert.Equal(source, result);
    }

    public static TheoryData<string, byte[]> MalformedDeltas() => new()
    {
        { "wrong source size", [42, 13, .. QuickCatLazy] },
        { "copy past the end of the source", Delta(0x80 | 0x01 | 0x10, 40, 5, 4, 1, 2, 3, 4, 0x80 | 0x01 | 0x10, 35, 4) },
        { "insert past the end of the delta", Delta(0x80 | 0x01 | 0x10, 4, 5, 9, 1, 2) },
        { "reserved instruction zero", Delta(0) },
        { "result shorter than declared", Delta(0x80 | 0x01 | 0x10, 4, 5) },
        { "result longer than declared", Delta([.. QuickCatLazy, 1, (byte)'!']) },
    };

    [Theory]
    [MemberData(nameof(MalformedDeltas))]
    public void A_malformed_delta_is_refused(string because, byte[] delta)
    {
        var result = new byte[Math.Max(GitDelta.ResultSize(delta), 64)];

        Assert.False(GitDelta.TryApply(Source, delta, result), because);
    }
}
