using CiSecrets.Inventory;
using CiSecrets.Sops;
using CiSecrets.Testing;

namespace CiSecrets.Rotation.Tests;

public sealed class PullRequestRotationTests
{
    private const string Branch = "cisecrets/rotate-2026-11-23";

    [Fact(Timeout = 60_000)]
    public async Task Rotating_all_pushes_a_dated_branch_and_opens_one_pull_request_against_the_default_branch()
    {
        // Arrange
        using var fixture = new RotationFixture();
        var workBundle = await File.ReadAllTextAsync(Path.Combine(fixture.Work.Path, RotationFixture.Bundle), TestContext.Current.CancellationToken);

        // Act
        var result = await fixture.RotateAsync(RotationSelection.All);

        // Assert: the branch is on origin, main is where it was, on origin and locally, and the checkout is untouched.
        Assert.Contains(Branch, fixture.OriginBranches());
        Assert.Equal(fixture.InitialMain, fixture.Origin.Git("rev-parse", "main").Trim());
        Assert.Equal(fixture.InitialMain, fixture.Work.Head());
        Assert.Equal("", fixture.Work.Git("status", "--porcelain"));
        Assert.Equal(workBundle, await File.ReadAllTextAsync(Path.Combine(fixture.Work.Path, RotationFixture.Bundle), TestContext.Current.CancellationToken));

        // One commit on top of main, made by the Actions bot identity.
        Assert.Equal(fixture.InitialMain, fixture.Origin.Git("rev-parse", $"{Branch}^").Trim());
        Assert.Equal("github-actions[bot] <41898282+github-actions[bot]@users.noreply.github.com>", fixture.Origin.Git("log", "-1", "--format=%an <%ae>", Branch).Trim());

        // One pull request, head the branch, base main, labelled, reviewers requested.
        var pull = Assert.Single(fixture.Server.PullRequests);
        Assert.Equal(Branch, pull.Head);
        Assert.Equal("main", pull.Base);
        Assert.Equal(["security", "secrets-rotation"], pull.Labels);
        Assert.Equal(["octocat"], pull.Reviewers);
        Assert.Equal(["platform"], pull.TeamReviewers);
        Assert.Single(fixture.Server.Requests, r => r is { Method: "POST", Path: "/repos/acme/platform/pulls" });
        Assert.Equal(PullRequestOperation.Created, result.Operation);
        Assert.Equal(1, result.PullRequest!.Number);
        Assert.Equal(fixture.OldValues.Keys.Order(), result.Rotated.Order());

        // The body names secrets, consumers and the after-merge steps.
        foreach (var name in fixture.OldValues.Keys.Append("aidb").Append("grafana").Append("ALTER USER \"app\""))
        {
            Assert.Contains(name, pull.Body, StringComparison.Ordinal);
        }

        // Every request carried the token.
        Assert.All(fixture.Server.Requests, r => Assert.Equal("token test-token-not-a-secret", r.Authorization, ignoreCase: true));
    }

    [Fact(Timeout = 60_000)]
    public async Task Rotated_values_are_new_and_decrypt_with_a_valid_mac_while_every_other_byte_stays()
    {
        // Arrange
        using var fixture = new RotationFixture();
        var before = fixture.OriginFile("main", RotationFixture.Bundle)!;
        var manifestsBefore = fixture.OriginFile("main", RotationFixture.KubernetesBundle)!;

        // Act
        await fixture.RotateAsync(RotationSelection.Named(["postgres_password", "grafana_admin_password", "redis_password"]));

        // Assert
        var after = fixture.OriginFile(Branch, RotationFixture.Bundle)!;
        var decrypted = fixture.Decrypt(after, RotationFixture.Bundle);
        Assert.Equal(MacStatus.Verified, decrypted.MacStatus);
        var values = decrypted.ToFlatDictionary();
        Assert.NotEqual(fixture.OldValues["postgres_password"], values["postgres.password"]);
        Assert.Equal(43, values["postgres.password"].Length);
        Assert.All(values["postgres.password"], c => Assert.Contains(c, Alphabets.DatabaseSafe));
        Assert.Equal(fixture.OldValues["stack_api_key"], values["stack.api_key"]);
        Assert.Equal(fixture.OldValues["jwt_secret"], values["jwt_secret"]);

        // Only the rotated value's line, lastmodified and mac changed; the data key is the same.
        var changed = ChangedLines(before, after);
        Assert.All(changed, line => Assert.Matches(@"^\s*(password|lastmodified|mac):", line));
        Assert.Equal(3, changed.Count);
        Assert.Equal(fixture.Decrypt(before, "before").DataKeyHex(), decrypted.DataKeyHex());

        // Kubernetes manifests: data stays base64, stringData plain, both new; nothing else moved.
        var manifests = fixture.Decrypt(fixture.OriginFile(Branch, RotationFixture.KubernetesBundle)!, RotationFixture.KubernetesBundle);
        Assert.Equal(MacStatus.Verified, manifests.MacStatus);
        var grafana = Field(manifests.Branches[0], "data", "admin-password");
        var redis = Field(manifests.Branches[1], "stringData", "REDIS_PASSWORD");
        var grafanaValue = System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(grafana));
        Assert.NotEqual(fixture.OldValues["grafana_admin_password"], grafanaValue);
        Assert.Equal(43, grafanaValue.Length);
        Assert.NotEqual(fixture.OldValues["redis_password"], redis);
        Assert.Equal(43, redis.Length);
        Assert.All(ChangedLines(manifestsBefore, fixture.OriginFile(Branch, RotationFixture.KubernetesBundle)!), line => Assert.Matches(@"^\s*(admin-password|REDIS_PASSWORD|lastmodified|mac):", line));

        // The rotation log records the three names at the rotation time, and nothing else.
        var log = fixture.OriginFile(Branch, RotationLog.FileName)!;
        Assert.Contains("postgres_password: 2026-11-23T10:00:00Z", log, StringComparison.Ordinal);
        Assert.Contains("redis_password: 2026-11-23T10:00:00Z", log, StringComparison.Ordinal);
        Assert.DoesNotContain("stack_api_key", log, StringComparison.Ordinal);
    }

    [Fact(Timeout = 60_000)]
    public async Task No_value_old_or_new_appears_in_the_pull_request_the_commit_message_or_the_result()
    {
        // Arrange
        using var fixture = new RotationFixture();

        // Act
        var result = await fixture.RotateAsync(RotationSelection.All);

        // Assert
        var newValues = fixture.Decrypt(fixture.OriginFile(Branch, RotationFixture.Bundle)!, "b").ToFlatDictionary().Values
            .Concat(fixture.Decrypt(fixture.OriginFile(Branch, RotationFixture.KubernetesBundle)!, "k").ToFlatDictionary().Values)
            .Where(v => v.Length >= 16).ToList();
        var texts = fixture.Server.Requests.Select(r => r.Body)
            .Append(fixture.Origin.Git("log", "--format=%B", Branch))
            .Append(result.ToString())
            .Append(string.Join("\n", result.Warnings))
            .ToList();
        foreach (var value in fixture.OldValues.Values.Concat(newValues).Concat(fixture.OldValues.Values.Select(RotationFixture.Base64)))
        {
            Assert.All(texts, text => Assert.False(text.Contains(value, StringComparison.Ordinal), "a secret value reached a pull request, commit message or result"));
        }
    }

    [Fact(Timeout = 90_000)]
    public async Task A_second_run_adds_a_commit_to_the_open_rotation_branch_and_updates_the_same_pull_request()
    {
        // Arrange
        using var fixture = new RotationFixture();
        await fixture.RotateAsync(RotationSelection.Named(["postgres_password"]));
        var firstTip = fixture.Origin.Git("rev-parse", Branch).Trim();
        var firstValue = fixture.Decrypt(fixture.OriginFile(Branch, RotationFixture.Bundle)!, "b").ToFlatDictionary()["postgres.password"];

        // Act: a day later, so today's branch name would differ.
        var result = await fixture.RotateAsync(RotationSelection.Named(["postgres_password", "stack_api_key"]), RotationFixture.Now.AddDays(1));

        // Assert
        Assert.Equal(PullRequestOperation.Updated, result.Operation);
        Assert.Equal(Branch, result.Branch);
        Assert.DoesNotContain("cisecrets/rotate-2026-11-24", fixture.OriginBranches());
        Assert.Equal(firstTip, fixture.Origin.Git("rev-parse", $"{Branch}^").Trim());
        var pull = Assert.Single(fixture.Server.PullRequests);
        Assert.Single(fixture.Server.Requests, r => r is { Method: "POST", Path: "/repos/acme/platform/pulls" });
        Assert.Contains(fixture.Server.Requests, r => r is { Method: "PATCH", Path: "/repos/acme/platform/pulls/1" });
        Assert.Contains("stack_api_key", pull.Body, StringComparison.Ordinal);
        Assert.Contains("postgres_password", pull.Body, StringComparison.Ordinal);
        var values = fixture.Decrypt(fixture.OriginFile(Branch, RotationFixture.Bundle)!, "b").ToFlatDictionary();
        Assert.NotEqual(firstValue, values["postgres.password"]);
        Assert.NotEqual(fixture.OldValues["stack_api_key"], values["stack.api_key"]);
        Assert.Equal(fixture.InitialMain, fixture.Origin.Git("rev-parse", "main").Trim());
    }

    [Fact(Timeout = 60_000)]
    public async Task A_502_from_github_is_retried_and_the_pull_request_is_opened_once()
    {
        // Arrange
        using var fixture = new RotationFixture();
        fixture.Server.FailNext("POST", "/repos/acme/platform/pulls", 502, times: 2);

        // Act
        var result = await fixture.RotateAsync(RotationSelection.All);

        // Assert
        Assert.Equal(PullRequestOperation.Created, result.Operation);
        Assert.Single(fixture.Server.PullRequests);
        Assert.Equal(3, fixture.Server.Requests.Count(r => r is { Method: "POST", Path: "/repos/acme/platform/pulls" }));
        Assert.Contains(Branch, fixture.OriginBranches());
    }

    [Fact(Timeout = 60_000)]
    public async Task A_422_from_github_is_reported_and_leaves_no_branch_and_nothing_changed()
    {
        // Arrange
        using var fixture = new RotationFixture();
        fixture.Server.FailNext("POST", "/repos/acme/platform/pulls", 422, message: "Head sha can't be blank");
        var files = Snapshot(fixture.Work.Path);

        // Act
        var error = await Assert.ThrowsAsync<RotationException>(() => fixture.RotateAsync(RotationSelection.All));

        // Assert: reported plainly, not retried, and nothing left behind.
        Assert.Contains("422", error.Message, StringComparison.Ordinal);
        Assert.Contains("Head sha can't be blank", error.Message, StringComparison.Ordinal);
        Assert.Contains("deleted again", error.Message, StringComparison.Ordinal);
        Assert.Single(fixture.Server.Requests, r => r is { Method: "POST", Path: "/repos/acme/platform/pulls" });
        Assert.Empty(fixture.Server.PullRequests);
        Assert.Equal(["main"], fixture.OriginBranches());
        Assert.Equal(fixture.InitialMain, fixture.Origin.Git("rev-parse", "main").Trim());
        Assert.Equal(fixture.InitialMain, fixture.Work.Head());
        Assert.Equal("", fixture.Work.Git("branch", "--list", "cisecrets/*").Trim());
        Assert.Equal(files, Snapshot(fixture.Work.Path));
        Assert.DoesNotContain(fixture.OldValues.Values, v => error.Message.Contains(v, StringComparison.Ordinal));
    }

    [Fact(Timeout = 60_000)]
    public async Task A_rotation_branch_with_someone_elses_commits_is_refused_without_pushing()
    {
        // Arrange
        using var fixture = new RotationFixture();
        fixture.Work.Git("checkout", "-q", "-b", Branch);
        fixture.Work.Write("notes.txt", "a person's work\n").Commit("work in progress");
        fixture.Work.Git("push", "-q", "origin", Branch);
        var theirs = fixture.Work.Head();
        fixture.Work.Git("checkout", "-q", "main");

        // Act
        var error = await Assert.ThrowsAsync<RotationException>(() => fixture.RotateAsync(RotationSelection.All));

        // Assert
        Assert.Contains("did not make", error.Message, StringComparison.Ordinal);
        Assert.Equal(theirs, fixture.Origin.Git("rev-parse", Branch).Trim());
        Assert.Empty(fixture.Server.PullRequests);
    }

    [Fact(Timeout = 60_000)]
    public async Task Author_from_the_rotation_settings_signs_the_commit()
    {
        // Arrange
        using var fixture = new RotationFixture("""
            rotation:
              branch-prefix: rotation/
              author: { name: Rotation Bot, email: rotation@example.com }
            """);

        // Act
        var result = await fixture.RotateAsync(RotationSelection.Named(["jwt_secret"]));

        // Assert
        Assert.Equal("rotation/2026-11-23", result.Branch);
        Assert.Equal("Rotation Bot <rotation@example.com>", fixture.Origin.Git("log", "-1", "--format=%an <%ae>", "rotation/2026-11-23").Trim());
        Assert.DoesNotContain(fixture.Server.Requests, r => r.Path.EndsWith("/labels", StringComparison.Ordinal) || r.Path.EndsWith("/requested_reviewers", StringComparison.Ordinal));
        var jwt = fixture.Decrypt(fixture.OriginFile("rotation/2026-11-23", RotationFixture.Bundle)!, "b").ToFlatDictionary()["jwt_secret"];
        Assert.Equal(64, Convert.FromBase64String(jwt).Length);
    }

    private static string Field(SopsMapping document, string field, string key) =>
        (string)((SopsScalar)((SopsMapping)document.Find(field)!.Value).Find(key)!.Value).Value!;

    private static List<string> ChangedLines(string before, string after)
    {
        var a = before.Split('\n');
        var b = after.Split('\n');
        Assert.Equal(a.Length, b.Length);
        return [.. Enumerable.Range(0, a.Length).Where(i => a[i] != b[i]).Select(i => b[i])];
    }

    private static Dictionary<string, string> Snapshot(string root) =>
        Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}.git{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .ToDictionary(f => Path.GetRelativePath(root, f), File.ReadAllText);
}
