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

    public Detector(IReadOnlyList<Rule> rules, ScanAllowlist allowlist, RuleTimeBudget? budget = null)
    {
        _rules = [.. rules];
        _allowlist = allowlist;
        Budget = budget ?? new RuleTimeBudget(RuleTimeBudget.DefaultPerRule, TimeProvider.System);

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

    /// <summary>What user-written rules have cost so far: timeouts, time spent, rules stopped.</summary>
    public RuleTimeBudget Budget { get; }

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

        var allowedLines = InlineAllowedLines.Of(text);
        var candidates = new List<(int Rule, LocatedSecret Secret)>();
        foreach (var (ruleIndex, ruleWindows) in windows)
        {
            var rule = _rules[ruleIndex];
            var seen = new HashSet<int>();
            foreach (var (start, end) in ruleWindows)
            {
                // Only user-written patterns can backtrack; built-in rules are linear and unmetered.
                if (rule.IsUserDefined && !Budget.Allows(rule.Id))
                {
                    Budget.Skipped(rule.Id, path);
                    break;
                }

                var started = rule.IsUserDefined ? Budget.Time.GetTimestamp() : 0;
                var window = new string(text[start..end]);
                try
                {
                    foreach (var inWindow in rule.Locator.Locate(window, 0, window.Length))
                    {
                        var located = inWindow with { Index = inWindow.Index + start };
                        if (seen.Add(located.Index) && IsRealSecret(rule, path, text, located, allowedLines))
                        {
                            candidates.Add((ruleIndex, located));
                        }
                    }
                }
                catch (System.Text.RegularExpressions.RegexMatchTimeoutException)
                {
                    // The rest of the window goes unchecked: recorded, so the scan says it is incomplete.
                    Budget.TimedOut(rule.Id, path);
                }
                finally
                {
                    if (rule.IsUserDefined)
                    {
                        Budget.Spent(rule.Id, Budget.Time.GetElapsedTime(started));
                    }
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
        var lines = new LineReach();
        foreach (var hit in KeywordHits(span))
        {
            var around = lines.Around(span, hit);
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
                            AddWindow(windows, ruleIndex, Widen(span, around, rule));
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

    private static (int Start, int End) Widen(ReadOnlySpan<char> text, (int Start, int End) around, Rule rule) =>
        (Math.Max(0, around.Start - rule.WindowBefore), Math.Min(text.Length, around.End + rule.WindowAfter));

    /// <summary>
    /// The part of a keyword's line a window covers: the line, but no more than
    /// <see cref="MaxLineReach"/> either side of the keyword on a very long line. Keyword hits
    /// come in ascending order, so each line end is searched for once and each character is looked
    /// at once in all: searching from every hit, a line packed with keywords cost a search of the
    /// reach per hit.
    /// </summary>
    private struct LineReach
    {
        private int _lineStart;
        private int _knownTo;
        private int _nextNewline;
        private int _clearTo;

        public LineReach() => _nextNewline = -1;

        public (int Start, int End) Around(ReadOnlySpan<char> text, int hit)
        {
            var back = text[_knownTo..hit].LastIndexOf('\n');
            if (back >= 0)
            {
                _lineStart = _knownTo + back + 1;
            }

            _knownTo = hit;
            var limit = Math.Min(text.Length, hit + MaxLineReach);
            if (_nextNewline < hit)
            {
                var from = Math.Max(hit, _clearTo);
                var found = from < limit ? text[from..limit].IndexOf('\n') : -1;
                if (found >= 0)
                {
                    _nextNewline = from + found;
                }
                else
                {
                    _clearTo = Math.Max(_clearTo, limit);
                }
            }

            var end = _nextNewline >= hit ? Math.Min(_nextNewline, limit) : limit;
            return (Math.Max(_lineStart, hit - MaxLineReach), end);
        }
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

    private bool IsRealSecret(Rule rule, string path, ReadOnlySpan<char> text, LocatedSecret located, InlineAllowedLines allowedLines)
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

        return !allowedLines.Allows(located.Index);
    }

    /// <summary>
    /// One finding per secret: a generic rule yields to a specific rule that covers the same text
    /// (and to an earlier generic one), and of two rules finding the very same span, the one
    /// earlier in the catalog wins. Each generic rule's candidates are swept in order against the
    /// union of the spans already kept, so thousands of candidates on one hostile line cost
    /// linear time, not a comparison of every pair.
    /// </summary>
    private List<(int Rule, LocatedSecret Secret)> ResolveOverlaps(List<(int Rule, LocatedSecret Secret)> candidates)
    {
        var kept = new List<(int Rule, LocatedSecret Secret)>();
        var spans = new HashSet<LocatedSecret>();
        foreach (var candidate in candidates.Where(c => !_rules[c.Rule].IsGeneric).OrderBy(c => c.Rule))
        {
            if (spans.Add(candidate.Secret))
            {
                kept.Add(candidate);
            }
        }

        var covered = Union(kept.Select(k => k.Secret));
        foreach (var rule in candidates.Where(c => _rules[c.Rule].IsGeneric).GroupBy(c => c.Rule).OrderBy(g => g.Key))
        {
            var keptHere = new List<LocatedSecret>();
            var next = 0;
            var lastEnd = int.MinValue;
            foreach (var candidate in rule.OrderBy(c => c.Secret.Index))
            {
                var (start, end) = (candidate.Secret.Index, candidate.Secret.Index + candidate.Secret.Length);
                while (next < covered.Count && covered[next].End <= start)
                {
                    next++;
                }

                if ((next < covered.Count && covered[next].Start < end) || start < lastEnd)
                {
                    continue;
                }

                kept.Add(candidate);
                keptHere.Add(candidate.Secret);
                lastEnd = Math.Max(lastEnd, end);
            }

            covered = Union(covered.Select(range => new LocatedSecret(range.Start, range.End - range.Start)).Concat(keptHere));
        }

        kept.Sort((a, b) => a.Secret.Index.CompareTo(b.Secret.Index));
        return kept;
    }

    /// <summary>Spans merged into disjoint ranges, in order.</summary>
    private static List<(int Start, int End)> Union(IEnumerable<LocatedSecret> spans)
    {
        var union = new List<(int Start, int End)>();
        foreach (var span in spans.Where(s => s.Length > 0).OrderBy(s => s.Index))
        {
            var end = span.Index + span.Length;
            if (union.Count > 0 && span.Index < union[^1].End)
            {
                union[^1] = (union[^1].Start, Math.Max(union[^1].End, end));
            }
            else
            {
                union.Add((span.Index, end));
            }
        }

        return union;
    }

    private List<Detection> ToDetections(ReadOnlySpan<char> span, List<(int Rule, LocatedSecret Secret)> kept)
    {
        var detections = new List<Detection>(kept.Count);
        int line = 1, lineStart = 0, scanned = 0, lineEnd = -1, lineHash = 0;
        foreach (var (ruleIndex, located) in kept)
        {
            // Positions ascend, so lines are counted, and each line's end found and hashed, once
            // over the whole text: per detection, a long line would be searched again each time.
            var newlines = span[scanned..located.Index].Count('\n');
            if (newlines > 0)
            {
                line += newlines;
                lineStart = span[..located.Index].LastIndexOf('\n') + 1;
            }

            scanned = located.Index;
            if (located.Index > lineEnd)
            {
                var lineEndOffset = span[located.Index..].IndexOf('\n');
                lineEnd = lineEndOffset < 0 ? span.Length : located.Index + lineEndOffset;
                lineHash = string.GetHashCode(span[lineStart..lineEnd].TrimEnd('\r'));
            }

            detections.Add(new Detection(
                _rules[ruleIndex],
                new string(span.Slice(located.Index, located.Length)),
                located.Index,
                line,
                located.Index - lineStart + 1,
                lineHash));
        }

        return detections;
    }
}
