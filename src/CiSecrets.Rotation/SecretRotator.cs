using CiSecrets.Inventory;
using CiSecrets.Rotation.Git;
using CiSecrets.Rotation.GitHub;
using CiSecrets.Sops.Age;
using LibGit2Sharp;

namespace CiSecrets.Rotation;

/// <summary>
/// A rotation from start to pull request. The new commit is built from the default branch's head
/// (or on top of the open rotation pull request's branch) in the object database, so the checkout
/// and the default branch are never written; it is pushed to a dated branch, never forced, and a
/// pull request is opened or refreshed. When the push or the pull request fails, the local branch
/// is put back and a branch this run pushed without a pull request is deleted again.
/// </summary>
public sealed class SecretRotator(RotationOptions options, IReadOnlyList<AgeIdentity> identities)
{
    public async Task<RotationResult> RunAsync(CancellationToken cancellationToken)
    {
        var now = options.Time.GetUtcNow();
        var inventory = LoadInventory(options.RepositoryRoot);
        using var repository = OpenRepository(options.RepositoryRoot);
        var settings = inventory.Rotation;
        var github = new GitHubRepositoryClient(options.ApiUrl, options.Repository, options.Token, new GitHubRetry(options.RetryDelay, options.MaxRetryWait, options.Time));
        var remote = new GitRemote(repository, options.RemoteName, options.Token);
        var commits = new RotationCommits(repository);

        var defaultBranch = await github.DefaultBranchAsync(cancellationToken);
        var existing = await github.FindOpenRotationAsync(defaultBranch, settings.BranchPrefix, settings.Labels, cancellationToken);
        var branch = existing?.HeadBranch ?? $"{settings.BranchPrefix}{now.ToUniversalTime():yyyy-MM-dd}";
        if (branch == defaultBranch)
        {
            throw new InputException(inventory.SourcePath, $"the rotation branch '{branch}' is the default branch; rotation never pushes there");
        }

        var heads = remote.Branches();
        if (!heads.TryGetValue(defaultBranch, out var defaultSha))
        {
            throw new RotationException(options.RemoteName, $"has no branch '{defaultBranch}' (the default branch on GitHub)");
        }

        var branchExisted = heads.TryGetValue(branch, out var branchSha);
        remote.Fetch(branchExisted ? [defaultBranch, branch] : [defaultBranch]);
        var defaultTip = commits.Lookup(defaultSha);
        var parent = defaultTip;
        if (branchExisted)
        {
            var tip = commits.Lookup(branchSha!);
            var foreign = commits.ForeignCommits(tip, defaultTip);
            if (foreign.Count > 0)
            {
                throw new RotationException(branch, $"exists on {options.RemoteName} with {foreign.Count} commit(s) cisecrets did not make (first {foreign[0].Sha[..12]}); refusing to add to or overwrite it. Merge or delete it, or set rotation.branch-prefix");
            }

            parent = tip;
        }

        cancellationToken.ThrowIfCancellationRequested();
        using var snapshot = Snapshot.Of(parent, inventory);
        var changes = RotationChanges.Compute(inventory, snapshot.Root, options.Selection, identities, now);
        var (plan, rotated) = (changes.Plan, changes.Rotated);
        if (rotated.Count == 0)
        {
            return new RotationResult(plan, [], null, existing, PullRequestOperation.None, []);
        }

        var author = new Signature(settings.Author.Name, settings.Author.Email, now);
        var commit = commits.Create(parent, changes.Files, RotationMessages.CommitMessage(rotated, now), author);

        var previousLocal = commits.SetLocalBranch(branch, commit);
        try
        {
            remote.Push(branch);
        }
        catch (RotationException e)
        {
            commits.RestoreLocalBranch(branch, previousLocal);
            throw new RotationException(e.Subject, $"{e.Problem}; nothing was pushed, and the checkout and '{defaultBranch}' are unchanged", e);
        }

        var onBranch = commits.RotatedOnBranch(commit, defaultTip);
        var secretsOnBranch = inventory.Secrets.Where(s => onBranch.Contains(s.Name)).ToList();
        var title = RotationMessages.Title([.. secretsOnBranch.Select(s => s.Name)]);
        var body = RotationMessages.PullRequestBody(secretsOnBranch, defaultBranch);
        RotationPullRequest pullRequest;
        PullRequestOperation operation;
        try
        {
            if (existing is not null)
            {
                await github.UpdateAsync(existing.Number, title, body, cancellationToken);
                (pullRequest, operation) = (existing, PullRequestOperation.Updated);
            }
            else
            {
                (pullRequest, operation) = (await github.CreateAsync(title, body, branch, defaultBranch, cancellationToken), PullRequestOperation.Created);
            }
        }
        catch (RotationException e)
        {
            throw new RotationException(e.Subject, $"{e.Problem}; {Clean(remote, commits, branch, branchExisted, existing, previousLocal)}", e);
        }

        var warnings = new List<string>();
        await Try(() => github.AddLabelsAsync(pullRequest.Number, settings.Labels, cancellationToken), warnings);
        await Try(() => github.RequestReviewersAsync(pullRequest.Number, settings.Reviewers, settings.TeamReviewers, cancellationToken), warnings);
        return new RotationResult(plan, [.. rotated.Select(s => s.Name)], branch, pullRequest, operation, warnings);
    }

    /// <summary>Undoes the push where that is safe (a branch this run created, with no pull request) and says what happened.</summary>
    private string Clean(GitRemote remote, RotationCommits commits, string branch, bool branchExisted, RotationPullRequest? existing, string? previousLocal)
    {
        if (branchExisted || existing is not null)
        {
            return $"the new commit stays on '{branch}', which existed before this run";
        }

        commits.RestoreLocalBranch(branch, previousLocal);
        try
        {
            remote.DeleteBranch(branch);
            return $"the pushed branch '{branch}' was deleted again; the checkout and the default branch are unchanged";
        }
        catch (RotationException e)
        {
            return $"the pushed branch '{branch}' has no pull request and could not be deleted ({e.Problem}); delete it by hand";
        }
    }

    /// <summary>Labels and reviewers are extras: a refusal (an unknown reviewer, say) is a warning, the pull request stands.</summary>
    private static async Task Try(Func<Task> call, List<string> warnings)
    {
        try
        {
            await call();
        }
        catch (RotationException e)
        {
            warnings.Add(e.Message);
        }
    }

    private static SecretsInventory LoadInventory(string root) =>
        SecretsInventory.Find(root) ?? throw new InputException(Path.Combine(root, SecretsInventory.FileName), "file not found; rotation needs the secrets inventory");

    private static Repository OpenRepository(string root)
    {
        try
        {
            return new Repository(root);
        }
        catch (RepositoryNotFoundException)
        {
            throw new InputException(root, "not a git repository; rotation commits to a branch and pushes it");
        }
    }
}
