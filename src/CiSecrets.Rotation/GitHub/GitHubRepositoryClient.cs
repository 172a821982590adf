using Octokit;
using Polly;

namespace CiSecrets.Rotation.GitHub;

/// <summary>
/// The GitHub calls rotation makes, through Octokit, each wrapped in the retry pipeline. The base URL
/// is <c>GITHUB_API_URL</c>, so GitHub Enterprise Server works (Octokit maps a non-github.com host to
/// <c>/api/v3/</c>). Errors that are not retried become a <see cref="RotationException"/> naming the
/// call and GitHub's message (GitHub's response, never our request body).
/// </summary>
internal sealed class GitHubRepositoryClient
{
    private readonly GitHubClient _client;
    private readonly GitHubRetry _retry;

    public GitHubRepositoryClient(Uri apiUrl, string repository, string? token, GitHubRetry retry)
    {
        var parts = repository.Split('/');
        if (parts.Length != 2 || parts.Any(p => p.Length == 0))
        {
            throw new InputException("GITHUB_REPOSITORY", $"'{repository}' is not OWNER/NAME");
        }

        (Owner, Name) = (parts[0], parts[1]);
        _client = new GitHubClient(new ProductHeaderValue("cisecrets"), apiUrl);
        if (token is { Length: > 0 })
        {
            _client.Credentials = new Credentials(token);
        }

        _client.SetRequestTimeout(TimeSpan.FromSeconds(30));
        _retry = retry;
    }

    public string Owner { get; }

    public string Name { get; }

    public string FullName => $"{Owner}/{Name}";

    public async Task<string> DefaultBranchAsync(CancellationToken cancellationToken)
    {
        var repository = await CallAsync("read the repository", () => _client.Repository.Get(Owner, Name), cancellationToken);
        return repository.DefaultBranch is { Length: > 0 } branch ? branch : throw new RotationException(FullName, "GitHub reports no default branch");
    }

    /// <summary>
    /// The open rotation pull request into <paramref name="baseBranch"/>: its head branch starts with
    /// the rotation prefix (branches are dated, so today's name may differ from the open one's), it
    /// comes from this repository, and, when labels are configured, it carries at least one of them
    /// (rotation labels every pull request it opens). A person's pull request from a branch that
    /// happens to match the prefix, without the label, is left alone.
    /// </summary>
    public async Task<RotationPullRequest?> FindOpenRotationAsync(string baseBranch, string branchPrefix, IReadOnlyList<string> labels, CancellationToken cancellationToken)
    {
        var open = await ListOpenAsync(baseBranch, cancellationToken);
        return open
            .Where(pr => pr.Head?.Ref is { } head && head.StartsWith(branchPrefix, StringComparison.Ordinal))
            .Where(pr => labels.Count == 0 || (pr.Labels ?? []).Any(label => labels.Contains(label.Name, StringComparer.OrdinalIgnoreCase)))
            .OrderByDescending(pr => pr.Number)
            .Select(ToRotation)
            .FirstOrDefault();
    }

    private async Task<IReadOnlyList<PullRequest>> ListOpenAsync(string baseBranch, CancellationToken cancellationToken)
    {
        var request = new PullRequestRequest { State = ItemStateFilter.Open, Base = baseBranch };
        var open = await CallAsync("list pull requests", () => _client.PullRequest.GetAllForRepository(Owner, Name, request), cancellationToken);
        return [.. open.Where(SameRepository)];
    }

    /// <summary>
    /// Opens the pull request. A POST is not idempotent: before a retry, look for a pull request
    /// from the branch, since the failed attempt may have created it after all.
    /// </summary>
    public async Task<RotationPullRequest> CreateAsync(string title, string body, string headBranch, string baseBranch, CancellationToken cancellationToken)
    {
        var attempt = 0;
        return await CallAsync("open the pull request", async () =>
        {
            if (attempt++ > 0 && (await ListOpenAsync(baseBranch, cancellationToken)).FirstOrDefault(pr => pr.Head?.Ref == headBranch) is { } created)
            {
                return ToRotation(created);
            }

            return ToRotation(await _client.PullRequest.Create(Owner, Name, new NewPullRequest(title, headBranch, baseBranch) { Body = body }));
        }, cancellationToken);
    }

    public Task UpdateAsync(long number, string title, string body, CancellationToken cancellationToken) =>
        CallAsync($"update pull request #{number}", () => _client.PullRequest.Update(Owner, Name, checked((int)number), new PullRequestUpdate { Title = title, Body = body }), cancellationToken);

    public async Task AddLabelsAsync(long number, IReadOnlyList<string> labels, CancellationToken cancellationToken)
    {
        if (labels.Count > 0)
        {
            await CallAsync($"label pull request #{number}", () => _client.Issue.Labels.AddToIssue(Owner, Name, number, [.. labels]), cancellationToken);
        }
    }

    public async Task RequestReviewersAsync(long number, IReadOnlyList<string> reviewers, IReadOnlyList<string> teams, CancellationToken cancellationToken)
    {
        if (reviewers.Count > 0 || teams.Count > 0)
        {
            await CallAsync(
                $"request reviewers on pull request #{number}",
                () => _client.PullRequest.ReviewRequest.Create(Owner, Name, checked((int)number), new PullRequestReviewRequest(reviewers, teams)),
                cancellationToken);
        }
    }

    private async Task<T> CallAsync<T>(string what, Func<Task<T>> call, CancellationToken cancellationToken)
    {
        try
        {
            return await _retry.Pipeline.ExecuteAsync(async _ => await call(), cancellationToken);
        }
        catch (ApiException e)
        {
            throw new RotationException(FullName, $"GitHub refused to {what} ({(int)e.StatusCode}): {Describe(e)}{_retry.Explain(e)}", e);
        }
        catch (HttpRequestException e)
        {
            throw new RotationException(FullName, $"could not reach GitHub to {what}: {e.Message}", e);
        }
    }

    /// <summary>GitHub's message plus its validation errors, on one line.</summary>
    private static string Describe(ApiException e)
    {
        var details = e.ApiError?.Errors?.Select(error => error.Message ?? $"{error.Field} {error.Code}").Where(m => !string.IsNullOrWhiteSpace(m)) ?? [];
        var hint = e is ForbiddenException && e.Message.Contains("not permitted to create", StringComparison.OrdinalIgnoreCase)
            ? " (allow it under Settings › Actions › General › Workflow permissions)"
            : "";
        return string.Join("; ", new[] { e.Message }.Concat(details)).ReplaceLineEndings(" ") + hint;
    }

    private bool SameRepository(PullRequest pr) =>
        pr.Head.Repository is null || string.Equals(pr.Head.Repository.FullName, FullName, StringComparison.OrdinalIgnoreCase) || pr.Head.Repository.FullName is null;

    private static RotationPullRequest ToRotation(PullRequest pr) => new(pr.Number, pr.HtmlUrl ?? "", pr.Head?.Ref ?? "", pr.Base?.Ref ?? "");
}
