using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using CiSecrets.Build.Engine;

namespace CiSecrets.Build.Benchmarking;

/// <summary>
/// Writes a <see cref="HistoryPlan"/> into a new git repository through one <c>git fast-import</c>
/// process fed over a pipe (https://git-scm.com/docs/git-fast-import): every version of a file as a
/// blob, file after file, then the commits, then the tags. fast-import deltifies each blob against the
/// blob written just before it, so writing a file's versions back to back yields a pack whose deltas
/// look like those of a repacked real repository.
/// </summary>
public static class RepositoryGenerator
{
    public const string MarkerFileName = "cisecrets-benchmark.json";

    /// <summary>Bumped whenever the same settings would generate a different repository, so stale ones are regenerated.</summary>
    public const int Version = 4;

    private static readonly JsonSerializerOptions JsonOptions = new() { WriteIndented = true };

    /// <summary>The marker a generated repository keeps in its .git folder, if it was generated completely.</summary>
    public static GeneratedRepository? ReadMarker(string repository)
    {
        var marker = Path.Combine(repository, ".git", MarkerFileName);
        return File.Exists(marker) ? JsonSerializer.Deserialize<GeneratedRepository>(File.ReadAllText(marker), JsonOptions) : null;
    }

    public static GeneratedRepository Generate(GeneratorSettings settings, string repository)
    {
        var stopwatch = Stopwatch.StartNew();
        var plan = HistoryPlan.Create(settings);
        Console.WriteLine($"Planned {plan.Commits.Count} commits over {plan.Files.Count} files ({plan.Secrets.Count} planted secrets, ~{plan.GrowthPerChange} bytes added per change, ~{plan.PlannedBlobBytes / 1024.0 / 1024.0:F0} MiB of blobs).");

        if (Directory.Exists(repository))
        {
            Directory.Delete(repository, recursive: true);
        }

        Directory.CreateDirectory(repository);
        Git(repository, "init", "--quiet", "--initial-branch=main");
        Git(repository, "config", "gc.auto", "0");
        var marks = Path.Combine(repository, ".git", "benchmark-marks");

        var random = new Random(settings.Seed + 1);
        var run = new ToolRun("git", ["fast-import", "--quiet", $"--export-marks={marks}"])
        {
            WorkingDirectory = repository,
            CaptureStderr = true,
            Input = input => WriteStream(plan, random, input),
        };
        var result = ProcessRunner.Run(run);
        ProcessRunner.EnsureSuccess(run, result);

        var commitIds = ReadCommitIds(marks, plan);
        File.Delete(marks);
        Git(repository, "reset", "--quiet", "--hard");

        var generated = new GeneratedRepository(
            Version,
            settings,
            plan.Commits.Count,
            plan.Files.Count,
            Math.Round(stopwatch.Elapsed.TotalSeconds, 1),
            [.. plan.Secrets.Select(s => new GeneratedSecret(commitIds[s.Commit], plan.Files[s.File].Path, s.Kind.ToString()))]);
        File.WriteAllText(Path.Combine(repository, ".git", MarkerFileName), JsonSerializer.Serialize(generated, JsonOptions));
        return generated;
    }

    private static void WriteStream(HistoryPlan plan, Random random, Stream input)
    {
        using var writer = new StreamWriter(input, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), 1 << 20) { NewLine = "\n" };
        var text = new SourceText(random);
        var blobMarks = new int[plan.Files.Count][];
        var mark = 0;
        foreach (var file in plan.Files)
        {
            blobMarks[file.Index] = new int[file.Versions];
            var content = new FileContent();
            for (var version = 0; version < file.Versions; version++)
            {
                if (version == 0)
                {
                    Fill(content, file, text);
                }
                else
                {
                    Change(content, file, version, plan.GrowthPerChange, random, text);
                }

                if (file.Secrets.TryGetValue(version, out var kind))
                {
                    content.InsertPlanted(content.InsertionPoint(random.Next(content.LineCount + 1)), PlantedSecret.Lines(kind, random));
                }

                blobMarks[file.Index][version] = ++mark;
                writer.Write(string.Create(CultureInfo.InvariantCulture, $"blob\nmark :{mark}\ndata {content.Length}\n"));
                foreach (var line in content.Lines)
                {
                    writer.Write(line);
                    writer.Write('\n');
                }

                writer.Write('\n');
            }
        }

        var commitMarkBase = mark;
        foreach (var commit in plan.Commits)
        {
            var author = $"{Authors.All[commit.Author]} {commit.Timestamp} +0000";
            writer.Write(string.Create(CultureInfo.InvariantCulture,
                $"commit refs/heads/{commit.Branch}\nmark :{commitMarkBase + 1 + commit.Index}\nauthor {author}\ncommitter {author}\ndata {commit.Message.Length}\n{commit.Message}\n"));
            if (commit.Parent is { } parent)
            {
                writer.Write(string.Create(CultureInfo.InvariantCulture, $"from :{commitMarkBase + 1 + parent}\n"));
            }

            if (commit.MergeParent is { } mergeParent)
            {
                writer.Write(string.Create(CultureInfo.InvariantCulture, $"merge :{commitMarkBase + 1 + mergeParent}\n"));
            }

            foreach (var change in commit.Changes)
            {
                writer.Write(string.Create(CultureInfo.InvariantCulture, $"M 100644 :{blobMarks[change.File][change.Version]} {plan.Files[change.File].Path}\n"));
            }

            writer.Write('\n');
        }

        foreach (var tag in plan.Tags)
        {
            var message = $"Release {tag.Name}\n";
            writer.Write(string.Create(CultureInfo.InvariantCulture,
                $"tag {tag.Name}\nfrom :{commitMarkBase + 1 + tag.Commit}\ntagger {Authors.All[0]} {tag.Timestamp} +0000\ndata {message.Length}\n{message}\n"));
        }
    }

    private static void Fill(FileContent content, PlannedFile file, SourceText text)
    {
        if (file.Kind == FileKind.Markdown)
        {
            content.Insert(0, "# " + text.Sentence(2, 5));
        }

        while (content.Length < file.InitialBytes)
        {
            content.Insert(content.LineCount, file.Kind == FileKind.Minified
                ? text.MinifiedLine((int)Math.Min(20_000, Math.Max(200, file.InitialBytes - content.Length)))
                : text.Line(file.Kind));
        }
    }

    // One change as a developer makes it: edit a few lines, sometimes drop one, and add a block of new
    // lines at one place; a bundle is rebuilt line by line instead. The block brings the file to its
    // planned size for this version (initial + growth × version, give or take 70% of one change's growth),
    // so edits, removals and line-length rounding never drift the total away from the plan.
    private static void Change(FileContent content, PlannedFile file, int version, int growth, Random random, SourceText text)
    {
        var minified = file.Kind == FileKind.Minified;
        for (var edits = random.Next(0, 4); edits > 0 && content.LineCount > 0; edits--)
        {
            var index = random.Next(content.LineCount);
            content.TryReplace(index, minified ? text.MinifiedLine(Math.Max(200, content.Lines[index].Length)) : text.Line(file.Kind));
        }

        if (!minified && content.LineCount > 20 && random.Next(4) == 0)
        {
            content.TryRemove(random.Next(content.LineCount));
        }

        var planned = file.InitialBytes + ((long)growth * version) + (long)(growth * 0.7 * ((2 * random.NextDouble()) - 1));
        var at = minified ? content.LineCount : content.InsertionPoint(random.Next(content.LineCount + 1));
        do
        {
            var line = minified ? text.MinifiedLine((int)Math.Clamp(planned - content.Length, 200, 20_000)) : text.Line(file.Kind);
            content.Insert(at++, line);
        }
        while (content.Length < planned);
    }

    private static Dictionary<int, string> ReadCommitIds(string marksFile, HistoryPlan plan)
    {
        var firstCommitMark = plan.Files.Sum(f => f.Versions) + 1;
        var ids = new Dictionary<int, string>();
        foreach (var line in File.ReadLines(marksFile))
        {
            var space = line.IndexOf(' ', StringComparison.Ordinal);
            var markNumber = int.Parse(line.AsSpan(1, space - 1), CultureInfo.InvariantCulture);
            if (markNumber >= firstCommitMark)
            {
                ids[markNumber - firstCommitMark] = line[(space + 1)..];
            }
        }

        return ids;
    }

    private static void Git(string repository, params string[] arguments)
    {
        var run = new ToolRun("git", arguments) { WorkingDirectory = repository, CaptureStderr = true, EchoCommand = false };
        ProcessRunner.EnsureSuccess(run, ProcessRunner.Run(run));
    }
}

/// <summary>What was generated, as recorded in the repository's marker file.</summary>
public sealed record GeneratedRepository(int Generator, GeneratorSettings Settings, int Commits, int Files, double GenerationSeconds, IReadOnlyList<GeneratedSecret> PlantedSecrets);

/// <summary>A planted secret: the commit that introduces it, the file and the kind.</summary>
public sealed record GeneratedSecret(string Commit, string Path, string Kind);
