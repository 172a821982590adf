namespace CiSecrets;

/// <summary>
/// The process environment as a seam, so that tests feed real variable sets (a GitHub Actions
/// runner's, say) and a fixed clock without mutating the test process.
/// </summary>
public interface IEnvironment
{
    string? GetVariable(string name);

    /// <summary>The folder relative paths are resolved against.</summary>
    string CurrentDirectory { get; }

    /// <summary>The clock: due dates, ages, <c>lastmodified</c> stamps and commit times all read it, so tests can fix it.</summary>
    TimeProvider Clock { get; }
}
