using CiSecrets.Inventory;
using CiSecrets.Rotation.Generation;

namespace CiSecrets.Rotation.Tests;

public sealed class SecretValueGeneratorTests
{
    [Fact]
    public void A_default_password_carries_32_bytes_of_entropy_in_database_safe_characters()
    {
        // Arrange
        var generator = SecretGenerator.DefaultFor(SecretKind.Password)!;

        // Act
        var values = Enumerable.Range(0, 200).Select(_ => SecretValueGenerator.Generate(generator)).ToList();

        // Assert: 66 characters carry log2(66) ≈ 6.04 bits each, so 256 bits need 43 of them.
        Assert.All(values, v => Assert.Equal(43, v.Length));
        Assert.True(SecretValueGenerator.EntropyBits(generator) >= 256, $"{SecretValueGenerator.EntropyBits(generator)} bits");
        Assert.True(SecretValueGenerator.EntropyBits(generator) < 256 + Math.Log2(66));
        var seen = string.Concat(values);
        Assert.DoesNotContain('/', seen);
        Assert.DoesNotContain('+', seen);
        Assert.DoesNotContain('=', seen);
        Assert.All(seen, c => Assert.Contains(c, Alphabets.DatabaseSafe));
        Assert.All(Alphabets.DatabaseSafe, c => Assert.Contains(c, seen));
        Assert.Equal(values.Count, values.Distinct().Count());
    }

    [Theory]
    [InlineData(SecretKind.ApiKey, 128, 512)]
    [InlineData(SecretKind.Token, 43, 256)]
    [InlineData(SecretKind.SigningKey, 88, 512)]
    [InlineData(SecretKind.EncryptionKey, 44, 256)]
    public void Byte_based_kinds_encode_the_right_number_of_random_bytes(SecretKind kind, int length, int bits)
    {
        // Arrange
        var generator = SecretGenerator.DefaultFor(kind)!;

        // Act
        var value = SecretValueGenerator.Generate(generator);

        // Assert
        Assert.Equal(length, value.Length);
        Assert.Equal(bits, SecretValueGenerator.EntropyBits(generator));
        Assert.Equal(generator.ExpectedLength, value.Length);
        var decoded = kind switch
        {
            SecretKind.ApiKey => Convert.FromHexString(value),
            SecretKind.Token => Convert.FromBase64String(value.Replace('-', '+').Replace('_', '/') + "="),
            _ => Convert.FromBase64String(value),
        };
        Assert.Equal(bits / 8, decoded.Length);
        Assert.All(value, c => Assert.Contains(c, generator.Alphabet));
    }

    [Fact]
    public void A_custom_generator_uses_only_its_alphabet_and_length_and_every_character_appears()
    {
        // Arrange
        var generator = new SecretGenerator(SecretGenerator.CustomType, null, 40, "abcXYZ789!");

        // Act
        var values = Enumerable.Range(0, 100).Select(_ => SecretValueGenerator.Generate(generator)).ToList();

        // Assert
        Assert.All(values, v => Assert.Equal(40, v.Length));
        var seen = string.Concat(values);
        Assert.All(seen, c => Assert.Contains(c, "abcXYZ789!"));
        Assert.All("abcXYZ789!", c => Assert.Contains(c, seen));
        Assert.Equal(40 * Math.Log2(10), SecretValueGenerator.EntropyBits(generator), 6);
    }

    [Fact]
    public void Characters_are_drawn_without_modulo_bias()
    {
        // Arrange: 3 characters do not divide 256; a byte modulo 3 would pick 'a' 86/256 of the time.
        const int draws = 300_000;

        // Act
        var counts = UniformRandom.Choose("abc", draws).GroupBy(c => c).ToDictionary(g => g.Key, g => g.Count());

        // Assert: each within 1% of a third (the binomial standard deviation here is about 0.09%).
        Assert.All(counts.Values, count => Assert.InRange(count / (double)draws, 1 / 3.0 - 0.01, 1 / 3.0 + 0.01));
        Assert.Equal(3u, UniformRandom.MaskFor(3));
        Assert.Equal(127u, UniformRandom.MaskFor(66));
        Assert.Equal(255u, UniformRandom.MaskFor(256));
    }

    [Fact]
    public void A_new_value_never_equals_the_old_one_even_from_a_tiny_alphabet()
    {
        // Arrange: two possible values, so a plain draw would repeat half the time.
        var generator = new SecretGenerator(SecretGenerator.CustomType, null, 1, "01");

        // Act and Assert
        for (var i = 0; i < 50; i++)
        {
            Assert.Equal("1", SecretValueGenerator.Generate(generator, "0"));
            Assert.Equal("0", SecretValueGenerator.Generate(generator, "1"));
        }
    }
}
