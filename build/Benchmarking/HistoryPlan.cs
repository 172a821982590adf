namespace CiSecrets.Build.Benchmarking;

/// <summary>A file of the generated repository and how its content evolves.</summary>
public sealed class PlannedFile(int index, string path, FileKind kind, double hotness)
{
    public int Index { get; } = index;

    public string Path { get; } = path;

    public FileKind Kind { get; } = kind;

    /// <summary>How often the file is picked for a change, relative to the others.</summary>
    public double Hotness { get; } = hotness;

    public int InitialBytes { get; set; }

    /// <summary>Versions of the file in history: the one that creates it, then one per change.</summary>
    public int Versions { get; set; }

    /// <summary>The version that introduces a planted secret, and its kind.</summary>
    public Dictionary<int, SecretKind> Secrets { get; } = [];
}

/// <summary>The file version a commit writes.</summary>
public readonly record struct FileChange(int File, int Version);

/// <summary>One commit: its branch, parents (by commit index) and the file versions it writes.</summary>
public sealed record PlannedCommit(int Index, string Branch, int? Parent, int? MergeParent, IReadOnlyList<FileChange> Changes, long Timestamp, int Author, string Message);

/// <summary>An annotated tag on a commit.</summary>
public sealed record PlannedTag(string Name, int Commit, long Timestamp);

/// <summary>A fake secret planted on purpose, where and when it enters history.</summary>
public sealed record PlannedSecret(int Commit, int File, SecretKind Kind);

/// <summary>
/// The whole history decided up front, cheaply, before any content exists: which commit writes which
/// version of which file, on which branch. With every file's versions known, the generator can then
/// write each file's versions one after the other, which is what lets git fast-import store each
/// version as a small delta against the previous one, as a packed real repository would.
/// </summary>
public sealed class HistoryPlan
{
    private static readonly int[] TouchWeights = [30, 25, 18, 12, 8, 7];

    private HistoryPlan(IReadOnlyList<PlannedFile> files, IReadOnlyList<PlannedCommit> commits, IReadOnlyList<PlannedTag> tags, IReadOnlyList<PlannedSecret> secrets, int growthPerChange)
    {
        Files = files;
        Commits = commits;
        Tags = tags;
        Secrets = secrets;
        GrowthPerChange = growthPerChange;
    }

    public IReadOnlyList<PlannedFile> Files { get; }

    public IReadOnlyList<PlannedCommit> Commits { get; }

    public IReadOnlyList<PlannedTag> Tags { get; }

    public IReadOnlyList<PlannedSecret> Secrets { get; }

    /// <summary>Bytes of new lines one change adds to a file, on average; sized so that the versions add up to the target.</summary>
    public int GrowthPerChange { get; }

    public long PlannedBlobBytes => Files.Sum(f => f.Versions * (long)f.InitialBytes + GrowthPerChange * (long)(f.Versions - 1) * f.Versions / 2);

    public static HistoryPlan Create(GeneratorSettings settings)
    {
        settings.Validate();
        var random = new Random(settings.Seed);
        var text = new SourceText(random);
        var files = FileLayout.Create(settings.Files, random, text);
        var builder = new Builder(settings, random, text, files);
        var commits = builder.BuildCommits();
        var secrets = PlantSecrets(settings, random, files, commits, builder.SideBranchNames);
        var growth = SizeFiles(settings, random, files);
        var tags = new[] { (Name: "v0.9.0", At: 0.25), (Name: "v1.0.0", At: 0.5), (Name: "v1.1.0", At: 0.75), (Name: "v2.0.0", At: 1.0) }
            .Select(tag => new PlannedTag(tag.Name, builder.MainCommitAt(tag.At), 0))
            .DistinctBy(tag => tag.Commit)
            .Select(tag => tag with { Timestamp = commits[tag.Commit].Timestamp + 60 })
            .ToList();
        return new HistoryPlan(files, commits, tags, secrets, growth);
    }

    // Picks commits that change a code or YAML file and marks that file version as introducing a secret.
    // One lands on a merged side branch and one on the unmerged branch, so a scan has to walk --all.
    private static List<PlannedSecret> PlantSecrets(GeneratorSettings settings, Random random, IReadOnlyList<PlannedFile> files, IReadOnlyList<PlannedCommit> commits, IReadOnlyList<string> sideBranches)
    {
        var count = Math.Clamp(settings.Commits / 250, 8, 100);
        var candidates = commits
            .Where(c => c.MergeParent is null && c.Changes.Any(Plantable))
            .OrderBy(_ => random.Next())
            .ToList();
        var preferred = sideBranches
            .Select(branch => candidates.FirstOrDefault(c => c.Branch == branch))
            .OfType<PlannedCommit>()
            .Take(2);
        var chosen = preferred.Concat(candidates).Distinct().Take(count).OrderBy(c => c.Index).ToList();

        var secrets = new List<PlannedSecret>();
        foreach (var commit in chosen)
        {
            var change = commit.Changes.First(Plantable);
            var kind = (SecretKind)(secrets.Count % Enum.GetValues<SecretKind>().Length);
            files[change.File].Secrets[change.Version] = kind;
            secrets.Add(new PlannedSecret(commit.Index, change.File, kind));
        }

        return secrets;

        bool Plantable(FileChange change) =>
            change.Version > 0
            && !files[change.File].Secrets.ContainsKey(change.Version)
            && files[change.File].Kind is not (FileKind.Json or FileKind.Markdown or FileKind.Minified);
    }

    // Initial sizes are log-normal (median ~4.5 KB, a long tail, minified bundles of 60–400 KB). Every
    // version of a file is a whole blob, so the unique bytes are the sum over files of
    // versions × initial size + growth × changes × versions / 2; solve that for the growth per change.
    private static int SizeFiles(GeneratorSettings settings, Random random, IReadOnlyList<PlannedFile> files)
    {
        foreach (var file in files)
        {
            file.InitialBytes = file.Kind switch
            {
                FileKind.Minified => random.Next(60_000, 400_000),
                FileKind.Yaml or FileKind.Json or FileKind.Markdown => (int)Math.Clamp(LogNormal(random, 2_500, 1.0), 80, 100_000),
                _ => (int)Math.Clamp(LogNormal(random, 4_500, 1.1), 120, 300_000),
            };
        }

        var target = (double)settings.BlobBytes;
        var initial = files.Sum(f => f.Versions * (double)f.InitialBytes);
        if (initial > 0.7 * target)
        {
            var scale = 0.7 * target / initial;
            foreach (var file in files)
            {
                file.InitialBytes = Math.Max(80, (int)(file.InitialBytes * scale));
            }

            initial = files.Sum(f => f.Versions * (double)f.InitialBytes);
        }

        var triangle = files.Sum(f => (f.Versions - 1) * (double)f.Versions / 2);
        return (int)Math.Clamp((target - initial) / Math.Max(1, triangle), 40, 1_000_000);
    }

    internal static double LogNormal(Random random, double median, double sigma)
    {
        // Box–Muller: one standard normal sample.
        var normal = Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
        return median * Math.Exp(sigma * normal);
    }

    /// <summary>Lays the commits out: main, side branches merged back, one unmerged branch.</summary>
    private sealed class Builder
    {
        private readonly GeneratorSettings _settings;
        private readonly Random _random;
        private readonly SourceText _text;
        private readonly IReadOnlyList<PlannedFile> _files;
        private readonly double[] _cumulativeHotness;
        private readonly List<int> _mainCommits = [];

        public Builder(GeneratorSettings settings, Random random, SourceText text, IReadOnlyList<PlannedFile> files)
        {
            _settings = settings;
            _random = random;
            _text = text;
            _files = files;
            _cumulativeHotness = new double[files.Count];
            var sum = 0.0;
            for (var i = 0; i < files.Count; i++)
            {
                sum += files[i].Hotness;
                _cumulativeHotness[i] = sum;
            }
        }

        public List<string> SideBranchNames { get; } = [];

        public int MainCommitAt(double fraction) => _mainCommits[(int)Math.Min(_mainCommits.Count - 1, fraction * _mainCommits.Count)];

        public List<PlannedCommit> BuildCommits()
        {
            var mergedBranches = Math.Clamp(_settings.Commits / 4_000, 2, 5);
            var branchLength = Math.Clamp(_settings.Commits / 400, 3, 50);
            var mainCount = _settings.Commits - mergedBranches * (branchLength + 1) - branchLength;
            var rootFiles = Math.Max(_files.Count / 4, Math.Min(_files.Count, 8));
            var reservedPerBranch = Math.Clamp(rootFiles / (mergedBranches + 2), 1, 6);

            // Each event is (main position, order within the position, branch or -1 for main, kind).
            var events = new List<(int Position, int Order, int Branch, bool Merge)>();
            events.AddRange(Enumerable.Range(0, mainCount).Select(p => (p, 0, -1, false)));
            var branches = new List<SideBranch>();
            var reservable = Enumerable.Range(0, rootFiles).OrderBy(_ => _random.Next()).ToList();
            for (var b = 0; b <= mergedBranches; b++)
            {
                var merged = b < mergedBranches;
                var start = merged ? mainCount * (b + 1) / (mergedBranches + 2) : mainCount * 9 / 10;
                var span = merged ? 2 * branchLength : Math.Max(1, mainCount - 1 - start);
                var name = merged ? $"feature/{_text.Kebab(2)}" : $"experiment/{_text.Kebab(2)}";
                var reserved = reservable.Skip(b * reservedPerBranch).Take(reservedPerBranch).ToArray();
                branches.Add(new SideBranch(name, start, reserved));
                SideBranchNames.Add(name);
                events.AddRange(Enumerable.Range(0, branchLength).Select(_ => (start + _random.Next(span), 1, b, false)));
                if (merged)
                {
                    events.Add((start + span, 2, b, true));
                }
            }

            var creationEnd = Math.Max(1, (int)(mainCount * 0.4));
            var createdAt = new int[_files.Count];
            for (var f = 0; f < _files.Count; f++)
            {
                createdAt[f] = f < rootFiles ? 0 : 1 + (int)((long)(f - rootFiles) * creationEnd / Math.Max(1, _files.Count - rootFiles));
            }

            var commits = new List<PlannedCommit>();
            var exists = new bool[_files.Count];
            var lockedBy = new int[_files.Count];
            Array.Fill(lockedBy, -1);
            var timestamp = 1_514_764_800L; // 2018-01-01T00:00:00Z
            int? mainTip = null;
            var nextCreation = 0;
            foreach (var (position, _, b, merge) in events.OrderBy(e => e.Position).ThenBy(e => e.Order).ThenBy(e => e.Branch))
            {
                timestamp += _random.Next(600, 14_400);
                var changes = new List<FileChange>();
                PlannedCommit commit;
                if (b < 0)
                {
                    while (nextCreation < _files.Count && createdAt[nextCreation] <= position)
                    {
                        exists[nextCreation] = true;
                        changes.Add(NewVersion(nextCreation++));
                    }

                    if (position > 0)
                    {
                        foreach (var f in PickFiles(TouchCount(), exists, lockedBy, changes))
                        {
                            changes.Add(NewVersion(f));
                        }
                    }

                    commit = Commit("main", mainTip, null);
                    mainTip = commit.Index;
                    _mainCommits.Add(commit.Index);
                    foreach (var branch in branches.Where(branch => branch.Start == position))
                    {
                        branch.Tip = commit.Index;
                        Array.ForEach(branch.Reserved, f => lockedBy[f] = branches.IndexOf(branch));
                    }
                }
                else if (!merge)
                {
                    var branch = branches[b];
                    var count = Math.Min(branch.Reserved.Length, _random.Next(1, 4));
                    foreach (var f in branch.Reserved.OrderBy(_ => _random.Next()).Take(count))
                    {
                        changes.Add(NewVersion(f));
                        branch.Touched.Add(f);
                    }

                    commit = Commit(branch.Name, branch.Tip, null);
                    branch.Tip = commit.Index;
                }
                else
                {
                    var branch = branches[b];
                    changes.AddRange(branch.Touched.Order().Select(f => new FileChange(f, _files[f].Versions - 1)));
                    Array.ForEach(branch.Reserved, f => lockedBy[f] = -1);
                    commit = Commit("main", mainTip, branch.Tip) with { Message = $"Merge branch '{branch.Name}'\n" };
                    mainTip = commit.Index;
                    _mainCommits.Add(commit.Index);
                }

                commits.Add(commit);

                PlannedCommit Commit(string branchName, int? parent, int? mergeParent) =>
                    new(commits.Count, branchName, parent, mergeParent, changes, timestamp, _random.Next(Authors.All.Count), _text.CommitMessage());
            }

            return commits;
        }

        private FileChange NewVersion(int file) => new(file, _files[file].Versions++);

        private int TouchCount()
        {
            var roll = _random.Next(TouchWeights.Sum());
            for (var i = 0; i < TouchWeights.Length; i++)
            {
                roll -= TouchWeights[i];
                if (roll < 0)
                {
                    return i + 1;
                }
            }

            return 1;
        }

        // Weighted by hotness; files not created yet, reserved by a live branch or already in this commit are redrawn.
        private List<int> PickFiles(int count, bool[] exists, int[] lockedBy, List<FileChange> already)
        {
            var picked = new List<int>();
            for (var attempt = 0; picked.Count < count && attempt < 50 * count; attempt++)
            {
                var roll = _random.NextDouble() * _cumulativeHotness[^1];
                var f = Array.BinarySearch(_cumulativeHotness, roll);
                f = f < 0 ? ~f : f;
                if (f < _files.Count && exists[f] && lockedBy[f] < 0 && !picked.Contains(f) && !already.Exists(c => c.File == f))
                {
                    picked.Add(f);
                }
            }

            return picked;
        }

        private sealed class SideBranch(string name, int start, int[] reserved)
        {
            public string Name { get; } = name;

            public int Start { get; } = start;

            public int[] Reserved { get; } = reserved;

            public int? Tip { get; set; }

            public SortedSet<int> Touched { get; } = [];
        }
    }
}
