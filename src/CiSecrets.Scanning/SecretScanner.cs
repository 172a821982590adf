using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using CiSecrets.Scanning.Configuration;
using CiSecrets.Scanning.Detection;
using CiSecrets.Scanning.Sources;
using CiSecrets.Scanning.Sources.Objects;
using LibGit2Sharp;

namespace CiSecrets.Scanning;

/// <summary>
/// Runs a scan end to end: picks the source for the target, attributes each leak to where it
/// entered, applies the suppressions in the order users reach for them (inline
/// <c>cisecrets:allow</c>, allowlists, commits, baseline, <c>.gitleaksignore</c>) and turns the
/// rest into redacted findings.
/// </summary>
public sealed class SecretScanner(ScanSettings settings)
{
    public ScanSettings Settings { get; } = settings;

    public ScanResult Scan(ScanRequest request, ScanCounters counters, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var budget = new RuleTimeBudget(Settings.UserRuleBudget, Settings.Time);
        var text = new TextScanner(new Detector(Settings.Rules, Settings.Allowlist, budget), Settings.MaxFileSize, counters);
        var warnings = new List<string>();
        var notices = new List<string>();

        IReadOnlyList<Leak> leaks;
        string root;
        Func<string, (string Author, string Email, string Date)> describe = _ => ("", "", "");
        Repository? repository = null;
        try
        {
            if (request.Target == ScanTarget.Directory)
            {
                root = Path.GetFullPath(request.Path);
                leaks = new DirectorySource(text, Settings.Parallelism).Scan(request.Path, cancellationToken);
            }
            else
            {
                repository = GitErrors.Open(request.Path);
                root = repository.Info.WorkingDirectory ?? repository.Info.Path;
                var repositoryPath = repository.Info.Path;
                if (repository.Info.IsShallow)
                {
                    warnings.Add("This is a shallow clone: commits before the shallow boundary are not scanned. Fetch full history (`git fetch --unshallow`, or actions/checkout with `fetch-depth: 0`).");
                }

                leaks = request.Target switch
                {
                    ScanTarget.Staged => new StagedSource(text, repositoryPath).Scan(repository),
                    _ => ScanCommits(repository, repositoryPath, request, text, notices, cancellationToken),
                };
                var metadata = repository;
                describe = sha => Describe(metadata, sha);
            }

            if (counters.SkippedCount(SkipReason.NotInPartialClone) is > 0 and var missing)
            {
                warnings.Add($"This is a partial clone: {missing} blob(s) it does not hold were not scanned. Fetch them (or clone without --filter) for a complete scan.");
            }

            var kept = Suppress(leaks, notices);
            var secretIdKey = RandomNumberGenerator.GetBytes(32);
            var findings = kept.Select(leak => ToFinding(leak, describe, secretIdKey)).ToList();
            var reported = kept.Zip(findings).Where(pair => !Settings.Ignore.Ignores(pair.Second) && pair.Second.Confidence >= Settings.MinConfidence).ToList();
            return new ScanResult
            {
                Leaks = [.. reported.Select(pair => pair.First)],
                Findings = [.. reported.Select(pair => pair.Second)],
                Stats = [.. Stats(counters, clock.Elapsed, leaks.Count), Stat.Of("ruleTimeouts", budget.Timeouts)],
                Warnings = [.. warnings, .. budget.Warnings],
                Incomplete = budget.Incomplete ? budget.Warnings.First() : null,
                Notices = [.. notices, .. Skips(counters)],
                Root = root,
            };
        }
        catch (LibGit2SharpException e)
        {
            throw new InputException(request.Path, $"git error: {GitErrors.OneLine(e.Message)}", e);
        }
        finally
        {
            repository?.Dispose();
        }
    }

    private IReadOnlyList<Leak> ScanCommits(Repository repository, string repositoryPath, ScanRequest request, TextScanner text, List<string> notices, CancellationToken cancellationToken)
    {
        // libgit2's object cache (256 MB by default, and LibGit2Sharp offers only on or off) keeps
        // every tree and commit either history source reads through it; off, peak memory stays
        // bounded on any history. Process-wide; trades only speed.
        GlobalSettings.SetEnableCaching(false);

        // A whole history wants every object: read the store directly, family by family. It is
        // opened first so that a damaged pack is named as such, not as the refs it breaks.
        using var objects = request.Target == ScanTarget.Range ? null : OpenObjectStore(repositoryPath);
        var commits = request.Target == ScanTarget.Range
            ? CommitSelection.Range(repository, repositoryPath, request.Commits ?? CommitRange.Parse(request.Range ?? throw new InputException("--range", "a range scan needs BASE..HEAD")))
            : CommitSelection.All(repository);
        if (commits.Count == 0)
        {
            notices.Add(request.Target == ScanTarget.Range ? "The range holds no commits: nothing to scan." : "The repository has no commits: nothing to scan.");
            return [];
        }

        return objects is not null
            ? new PackHistorySource(text, repositoryPath, objects, Settings.Parallelism).Scan(commits, cancellationToken)
            : new GitHistorySource(text, repositoryPath, Settings.Parallelism).Scan(commits, cancellationToken);
    }

    private static ObjectStore? OpenObjectStore(string repositoryPath)
    {
        try
        {
            return ObjectStore.TryOpen(repositoryPath);
        }
        catch (Exception e) when (e is CorruptObjectException or IOException)
        {
            throw new InputException(repositoryPath, $"cannot read the object store: {GitErrors.OneLine(e.Message)}", e);
        }
    }

    private List<Leak> Suppress(IReadOnlyList<Leak> leaks, List<string> notices)
    {
        var kept = leaks.Where(leak => !Settings.Allowlist.AllowsCommit(leak.Commit)).ToList();
        if (Settings.Baseline is { } baseline)
        {
            foreach (var unused in baseline.Unused(kept))
            {
                notices.Add($"Baseline entry no longer matches anything: {unused.RuleId} in {unused.Path} (line {unused.Line}); remove it from the baseline.");
            }

            kept.RemoveAll(leak => baseline.Contains(leak.Detection.Rule.Id, leak.Detection.Secret));
        }

        return kept;
    }

    private static Finding ToFinding(Leak leak, Func<string, (string Author, string Email, string Date)> describe, byte[] secretIdKey)
    {
        var (author, email, date) = leak.Commit.Length > 0 ? describe(leak.Commit) : ("", "", "");
        var detection = leak.Detection;
        return new Finding
        {
            RuleId = detection.Rule.Id,
            Description = detection.Rule.Description,
            Path = leak.Path,
            Line = detection.Line,
            Column = detection.Column,
            Commit = leak.Commit,
            Author = author,
            Email = email,
            Date = date,
            Preview = detection.Preview,
            SecretId = Convert.ToHexStringLower(HMACSHA256.HashData(secretIdKey, Encoding.UTF8.GetBytes(detection.Secret)).AsSpan(0, 8)),
            Entropy = Math.Round(detection.Entropy, 3),
            Severity = detection.Rule.Severity,
            Confidence = FindingConfidence.Of(detection.Rule, leak.Path, detection.Secret),
        };
    }

    private static (string, string, string) Describe(Repository repository, string sha)
    {
        var commit = repository.Lookup<Commit>(sha);
        return commit is null
            ? ("", "", "")
            : (commit.Author.Name, commit.Author.Email, commit.Author.When.ToString("yyyy-MM-dd'T'HH:mm:sszzz", System.Globalization.CultureInfo.InvariantCulture));
    }

    private static List<Stat> Stats(ScanCounters counters, TimeSpan elapsed, int detected)
    {
        var megabytes = counters.Bytes / 1048576.0;
        return
        [
            Stat.Of("commits", counters.Commits),
            Stat.Of("blobs", counters.Blobs),
            Stat.Of("bytes", counters.Bytes),
            Stat.Of("durationMs", (long)elapsed.TotalMilliseconds),
            Stat.Of("megabytesPerSecond", elapsed.TotalSeconds > 0 ? megabytes / elapsed.TotalSeconds : 0),
            Stat.Of("skippedBinary", counters.SkippedCount(SkipReason.Binary)),
            Stat.Of("skippedTooLarge", counters.SkippedCount(SkipReason.TooLarge)),
            Stat.Of("skippedSymlinks", counters.SkippedCount(SkipReason.Symlink)),
            Stat.Of("skippedSubmodules", counters.SkippedCount(SkipReason.Submodule)),
            Stat.Of("skippedNotInPartialClone", counters.SkippedCount(SkipReason.NotInPartialClone)),
            Stat.Of("detected", detected),
            Stat.Of("peakMemoryMb", Process.GetCurrentProcess().PeakWorkingSet64 / 1048576),
        ];
    }

    private IEnumerable<string> Skips(ScanCounters counters) =>
        counters.SkippedPaths.Select(skip => skip.Reason switch
        {
            SkipReason.TooLarge => $"Skipped {skip.Path}: larger than {Settings.MaxFileSize / 1048576.0:0.#} MB (raise scan.max-file-size or --max-file-size to scan it).",
            SkipReason.Submodule => $"Skipped {skip.Path}: a submodule; scan its repository separately.",
            SkipReason.Symlink => $"Skipped {skip.Path}: a symbolic link, not followed.",
            SkipReason.NotInPartialClone => $"Skipped {skip.Path}: a blob this partial clone does not hold (fetch it, or clone without --filter, to scan it).",
            _ => $"Skipped {skip.Path}: binary content.",
        });
}
