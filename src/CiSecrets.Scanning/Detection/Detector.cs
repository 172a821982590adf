using System.Buffers;
using CiSecrets.Scanning.Rules;

namespace CiSecrets.Scanning.Detection;

/// <summary>
/// Finds secrets in text. Work is proportional to the candidates, not the rules: one vectorised
/// pass finds every rule keyword, and each rule's locator then runs only in small windows around
/// its keywords (bounded even on megabyte-long minified lines). Thread-safe; one instance serves
/// every worker.
/// </summary>
public sealed class Detector
{
    /// <summary>How far a window reaches either side of a keyword on a very long line.</summary>
    private const int MaxLineReach = 4096;

    private static readonly string[] InlineAllowMarkers = ["cisecrets:allow", "gitleaks:allow"];

    private readonly Rule[] _rules;
    /// <summary>
    /// .NET vectorises a multi-string search (Teddy) only for small sets and falls back to a
    /// scalar Aho-Corasick beyond 64 strings, four times slower here; sorted groups of this size
    /// share their leading characters and measured fastest on the benchmark repository. Two-letter
    /// keywords get a search of their own: in a group they would slow the search for every other.
    /// </summary>
    private const int KeywordsPerSearch = 16;

    private readonly SearchValues<string>[] _keywordSearches;
    private readonly Dictionary<char, (string Keyword, int[] Rules)[]> _keywordsByFirstChar;
    private readonly int[] _rulesWithoutKeywords;
    private readonly ScanAllowlist _allowlist;

    public Detector(IReadOnlyList<Rule> rules, ScanAllowlist allowlist)
    {
        _rules = [.. rules];
        _allowlist = allowlist;

        var rulesByKeyword = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        var withoutKeywords = new List<int>();
        for (var i = 0; i < _rules.Length; i++)
        {
            if (_rules[i].Keywords.Count == 0)
            {
                withoutKeywords.Add(i);
            }

            foreach (var keyword in _rules[i].Keywords)
            {
                var key = keyword.ToLowerInvariant();
                if (!rulesByKeyword.TryGetValue(key, out var list))
                {
                    rulesByKeyword[key] = list = [];
                }

                list.Add(i);
            }
        }

        _rulesWithoutKeywords = [.. withoutKeywords];
        _keywordSearches = [.. ShortestPrefixes(rulesByKeyword.Keys)
            .Order(StringComparer.Ordinal)
            .GroupBy(keyword => keyword.Length < 3)
            .SelectMany(lengthGroup => lengthGroup.Chunk(KeywordsPerSearch))
            .Select(group => SearchValues.Create(group, StringComparison.OrdinalIgnoreCase))];
        _keywordsByFirstChar = rulesByKeyword
            .GroupBy(pair => pair.Key[0])
            .ToDictionary(group => group.Key, group => group.Select(pair => (pair.Key, pair.Value.ToArray())).ToArray());
    }

    public IReadOnlyList<Rule> Rules => _rules;

    public ScanAllowlist Allowlist => _allowlist;

    /// <summary>All secrets in <paramref name="text"/>, a file at <paramref name="path"/>, in order of position.</summary>
    public IReadOnlyList<Detection> Detect(string path, string text) => Detect(path, text.AsSpan());

    /// <summary>
    /// All secrets in <paramref name="text"/>, in order of position. Only the windows around
    /// keywords become strings for the rules' patterns; a pattern run on a window sees exactly
    /// what it would see run on that range of the whole text (<see cref="System.Text.RegularExpressions.Regex.Match(string, int, int)"/>
    /// treats the range as the whole input).
    /// </summary>
    public IReadOnlyList<Detection> Detect(string path, ReadOnlySpan<char> text)
    {
        if (text.Length == 0)
        {
            return [];
        }

        var windows = FindWindows(path, text);
        if (windows.Count == 0)
        {
            return [];
        }

        var candidates = new List<(int Rule, LocatedSecret Secret)>();
        foreach (var (ruleIndex, ruleWindows) in windows)
        {
            var rule = _rules[ruleIndex];
            var seen = new HashSet<int>();
            foreach (var (start, end) in ruleWindows)
            {
                var window = new string(text[start..end]);
                try
                {
                    foreach (var inWindow in rule.Locator.Locate(window, 0, window.Length))
                    {
                        var located = inWindow with { Index = inWindow.Index + start };
                        if (seen.Add(located.Index) && IsRealSecret(rule, path, text, located))
                        {
                            candidates.Add((ruleIndex, located));
                        }
                    }
                }
                catch (System.Text.RegularExpressions.RegexMatchTimeoutException)
                {
                    // A user's backtracking pattern gave up on pathological input: skip the window, keep scanning.
                }
            }
        }

        return candidates.Count == 0 ? [] : ToDetections(text, ResolveOverlaps(candidates));
    }

    /// <summary>For each rule that applies, the merged windows of text around its keywords.</summary>
    private Dictionary<int, List<(int Start, int End)>> FindWindows(string path, ReadOnlySpan<char> text)
    {
        var windows = new Dictionary<int, List<(int Start, int End)>>();
        foreach (var ruleIndex in _rulesWithoutKeywords)
        {
            if (Applies(_rules[ruleIndex], path))
            {
                windows[ruleIndex] = [(0, text.Length)];
            }
        }

        var span = text;
        var applies = new Dictionary<int, bool>();
        foreach (var hit in KeywordHits(span))
        {
            if (_keywordsByFirstChar.TryGetValue(char.ToLowerInvariant(span[hit]), out var keywords))
            {
                foreach (var (keyword, rules) in keywords)
                {
                    if (!span[hit..].StartsWith(keyword, StringComparison.OrdinalIgnoreCase))
                    {
                        continue;
                    }

                    foreach (var ruleIndex in rules)
                    {
                        var rule = _rules[ruleIndex];
                        if (!applies.TryGetValue(ruleIndex, out var ruleApplies))
                        {
                            applies[ruleIndex] = ruleApplies = Applies(rule, path);
                        }

                        if (ruleApplies)
                        {
                            AddWindow(windows, ruleIndex, WindowAround(span, hit, rule));
                        }
                    }
                }
            }
        }

        return windows;
    }

    /// <summary>Positions where some keyword starts, ascending and distinct.</summary>
    private SortedSet<int> KeywordHits(ReadOnlySpan<char> span)
    {
        var hits = new SortedSet<int>();
        foreach (var search in _keywordSearches)
        {
            for (var position = 0; position < span.Length;)
            {
                var offset = span[position..].IndexOfAny(search);
                if (offset < 0)
                {
                    break;
                }

                hits.Add(position + offset);
                position += offset + 1;
            }
        }

        return hits;
    }

    /// <summary>The keywords no other keyword is a prefix of: finding "pass" finds "password" too.</summary>
    private static IEnumerable<string> ShortestPrefixes(IEnumerable<string> keywords)
    {
        var all = keywords.ToArray();
        return all.Where(keyword => !all.Any(other => other.Length < keyword.Length && keyword.StartsWith(other, StringComparison.Ordinal)));
    }

    private static bool Applies(Rule rule, string path) =>
        (rule.PathPattern is null || rule.PathPattern.IsMatch(path))
        && (rule.ExcludedPathPattern is null || !rule.ExcludedPathPattern.IsMatch(path));

    private static (int Start, int End) WindowAround(ReadOnlySpan<char> text, int hit, Rule rule)
    {
        // Look for the line's ends only as far as a window reaches: searching a megabyte-long line
        // back to its start for every keyword hit on it is quadratic.
        var start = Math.Max(0, hit - MaxLineReach);
        start += text[start..hit].LastIndexOf('\n') + 1;
        var end = Math.Min(text.Length, hit + MaxLineReach);
        var lineEndOffset = text[hit..end].IndexOf('\n');
        end = lineEndOffset < 0 ? end : hit + lineEndOffset;
        if (rule.WindowBefore > 0)
        {
            start = Math.Max(0, start - rule.WindowBefore);
        }

        if (rule.WindowAfter > 0)
        {
            end = Math.Min(text.Length, end + rule.WindowAfter);
        }

        return (start, end);
    }

    private static void AddWindow(Dictionary<int, List<(int Start, int End)>> windows, int rule, (int Start, int End) window)
    {
        if (!windows.TryGetValue(rule, out var list))
        {
            windows[rule] = [window];
            return;
        }

        // Hits arrive in text order, so a window can only overlap the last one.
        var last = list[^1];
        if (window.Start <= last.End)
        {
            list[^1] = (last.Start, Math.Max(last.End, window.End));
        }
        else
        {
            list.Add(window);
        }
    }

    private bool IsRealSecret(Rule rule, string path, ReadOnlySpan<char> text, LocatedSecret located)
    {
        var secret = new string(text.Slice(located.Index, located.Length));
        if (ValueFilters.IsNeverSecret(secret)
            || (rule.IsGeneric && (ValueFilters.IsPlaceholderOrReference(secret) || CodeFragments.IsCodeFragment(secret) || GenericValueJudgment.IsNotACredential(secret, path)))
            || (rule.MinEntropy > 0 && ShannonEntropy.Of(secret) < rule.MinEntropy)
            || (rule.Validator is not null && !rule.Validator(secret))
            || _allowlist.AllowsSecret(secret))
        {
            return false;
        }

        return !HasInlineAllow(text, located.Index);
    }

    private static bool HasInlineAllow(ReadOnlySpan<char> span, int index)
    {
        var lineStart = span[..index].LastIndexOf('\n') + 1;
        var lineEndOffset = span[index..].IndexOf('\n');
        var line = span[lineStart..(lineEndOffset < 0 ? span.Length : index + lineEndOffset)];
        foreach (var marker in InlineAllowMarkers)
        {
            if (line.Contains(marker, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// One finding per secret: a generic rule yields to a specific rule that covers the same text,
    /// and of two rules finding the very same span, the one earlier in the catalog wins.
    /// </summary>
    private List<(int Rule, LocatedSecret Secret)> ResolveOverlaps(List<(int Rule, LocatedSecret Secret)> candidates)
    {
        var ordered = candidates
            .OrderBy(c => _rules[c.Rule].IsGeneric)
            .ThenBy(c => c.Rule)
            .ToList();
        var kept = new List<(int Rule, LocatedSecret Secret)>();
        foreach (var candidate in ordered)
        {
            var overlaps = kept.Any(k => Overlap(k.Secret, candidate.Secret)
                && (_rules[candidate.Rule].IsGeneric || (k.Secret.Index == candidate.Secret.Index && k.Secret.Length == candidate.Secret.Length)));
            if (!overlaps)
            {
                kept.Add(candidate);
            }
        }

        kept.Sort((a, b) => a.Secret.Index.CompareTo(b.Secret.Index));
        return kept;
    }

    private static bool Overlap(LocatedSecret a, LocatedSecret b) =>
        a.Index < b.Index + b.Length && b.Index < a.Index + a.Length;

    private List<Detection> ToDetections(ReadOnlySpan<char> span, List<(int Rule, LocatedSecret Secret)> kept)
    {
        var detections = new List<Detection>(kept.Count);
        int line = 1, lineStart = 0, scanned = 0;
        foreach (var (ruleIndex, located) in kept)
        {
            // Positions ascend, so lines are counted once over the whole text.
            var newlines = span[scanned..located.Index].Count('\n');
            if (newlines > 0)
            {
                line += newlines;
                lineStart = span[..located.Index].LastIndexOf('\n') + 1;
            }

            scanned = located.Index;
            var lineEndOffset = span[located.Index..].IndexOf('\n');
            var lineText = span[lineStart..(lineEndOffset < 0 ? span.Length : located.Index + lineEndOffset)];
            detections.Add(new Detection(
                _rules[ruleIndex],
                new string(span.Slice(located.Index, located.Length)),
                located.Index,
                line,
                located.Index - lineStart + 1,
                string.GetHashCode(lineText.TrimEnd('\r'))));
        }

        return detections;
    }
}
