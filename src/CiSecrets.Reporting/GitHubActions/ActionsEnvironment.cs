using System.Text;

namespace CiSecrets.Reporting.GitHubActions;

/// <summary>
/// The files a GitHub Actions step writes to: step outputs (<c>$GITHUB_OUTPUT</c>) and the job
/// summary (<c>$GITHUB_STEP_SUMMARY</c>). Both are appended to, never rewritten: other steps'
/// content stays.
/// </summary>
public sealed class ActionsEnvironment(IEnvironment environment)
{
    /// <summary>GitHub's limit on one step's summary.</summary>
    public const int MaxSummaryBytes = 1024 * 1024;

    public bool IsActive => environment.IsGitHubActions();

    /// <summary>Appends <c>name=value</c>, or the heredoc form with a random delimiter for multi-line values.</summary>
    public async Task SetOutputAsync(string name, string value, CancellationToken cancellationToken)
    {
        var file = environment.GetVariable("GITHUB_OUTPUT");
        if (string.IsNullOrEmpty(file))
        {
            return;
        }

        string entry;
        if (value.Contains('\n') || value.Contains('\r'))
        {
            var delimiter = $"ghadelimiter_{Guid.NewGuid()}";
            entry = $"{name}<<{delimiter}\n{value}\n{delimiter}\n";
        }
        else
        {
            entry = $"{name}={value}\n";
        }

        await File.AppendAllTextAsync(file, entry, new UTF8Encoding(false), cancellationToken);
    }

    public async Task AppendSummaryAsync(string markdown, CancellationToken cancellationToken)
    {
        var file = environment.GetVariable("GITHUB_STEP_SUMMARY");
        if (string.IsNullOrEmpty(file))
        {
            return;
        }

        var bytes = Encoding.UTF8.GetByteCount(markdown);
        if (bytes > MaxSummaryBytes)
        {
            markdown = markdown[..(MaxSummaryBytes / 4)] + "\n\n…summary truncated; see the SARIF or JSON report.\n";
        }

        await File.AppendAllTextAsync(file, markdown + "\n", new UTF8Encoding(false), cancellationToken);
    }
}
