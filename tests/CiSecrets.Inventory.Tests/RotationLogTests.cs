namespace CiSecrets.Inventory.Tests;

public sealed class RotationLogTests
{
    [Fact(Timeout = 120_000)]
    public async Task A_rotation_is_saved_atomically_and_read_back()
    {
        // Arrange
        using var folder = new InventoryFolder();
        var empty = RotationLog.Load(folder.Root);

        // Act
        var log = empty
            .WithRotation("redis_password", DateTimeOffset.Parse("2026-10-01T12:30:45.678+02:00", System.Globalization.CultureInfo.InvariantCulture))
            .WithRotation("postgres_password", new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero));
        await log.SaveAsync(CancellationToken.None);
        var reread = RotationLog.Load(folder.Root);

        // Assert
        Assert.Null(empty.LastRotated("postgres_password"));
        Assert.Equal(new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero), reread.LastRotated("postgres_password"));
        Assert.Equal(new DateTimeOffset(2026, 10, 1, 10, 30, 45, TimeSpan.Zero), reread.LastRotated("redis_password"));
        var text = await File.ReadAllTextAsync(Path.Combine(folder.Root, RotationLog.FileName), TestContext.Current.CancellationToken);
        Assert.EndsWith("postgres_password: 2026-11-01T00:00:00Z\nredis_password: 2026-10-01T10:30:45Z\n", text, StringComparison.Ordinal);
        Assert.Equal([RotationLog.FileName], Directory.GetFiles(folder.Root).Select(Path.GetFileName));
    }

    [Fact]
    public void A_time_that_is_not_a_time_is_an_input_error_with_its_line()
    {
        using var folder = new InventoryFolder();
        folder.Write(RotationLog.FileName, "postgres_password: 2026-11-01T00:00:00Z\nredis_password: last tuesday\n");

        var error = Assert.Throws<InputException>(() => RotationLog.Load(folder.Root));

        Assert.EndsWith(RotationLog.FileName, error.Subject, StringComparison.Ordinal);
        Assert.StartsWith("line 2: the rotation time of 'redis_password' must be an ISO 8601 time", error.Problem, StringComparison.Ordinal);
    }
}
