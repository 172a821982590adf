using System.Text.RegularExpressions;
using CiSecrets.Scanning.Rules;

namespace CiSecrets.Scanning.Detection;

/// <summary>
/// How sure a finding is. A provider's format (or a custom rule's own pattern) is sure wherever it
/// is found: real keys do get committed in tests. A generic rule guessed from a name: it is sure of a
/// long random value, less of a short or word-like one, and least in documentation, examples and tests,
/// where stand-ins are the norm.
/// </summary>
public static partial class FindingConfidence
{
    /// <summary>A generated credential is long and mixes letters with digits; 20 characters at 3.5 bits each is far beyond any word.</summary>
    private const int RandomMinimumLength = 20;
    private const double RandomMinimumEntropy = 3.5;

    public static Confidence Of(Rule rule, string path, string secret)
    {
        if (!rule.IsGeneric)
        {
            return Confidence.High;
        }

        if (IsDocumentationOrTest(path))
        {
            return Confidence.Low;
        }

        return LooksRandom(secret) ? Confidence.High : Confidence.Medium;
    }

    /// <summary>True for paths of documentation, examples, samples and tests.</summary>
    public static bool IsDocumentationOrTest(string path) => DocumentationOrTestPath().IsMatch(path);

    private static bool LooksRandom(string secret) =>
        secret.Length >= RandomMinimumLength
        && secret.AsSpan().IndexOfAnyInRange('0', '9') >= 0
        && (secret.AsSpan().IndexOfAnyInRange('a', 'z') >= 0 || secret.AsSpan().IndexOfAnyInRange('A', 'Z') >= 0)
        && !secret.Contains(' ', StringComparison.Ordinal)
        && ShannonEntropy.Of(secret) >= RandomMinimumEntropy;

    // Folders (test, tests, spec, __tests__, testdata, fixtures, examples*, samples, docs, demo) and
    // files (*.md, *.rst, *.html, man pages, *_test.go, *.test.js, *.spec.ts, FooTests.cs).
    [GeneratedRegex(@"(?i:(?:^|/)(?:tests?|specs?|__tests__|testdata|test-?data|fixtures?|examples?[^/]*|samples?|docs?|documentation|demos?)/|\.(?:md|markdown|rst|adoc|txt|html?|[1-9])$)|(?:[._-](?:test|spec)|Tests?)\.[A-Za-z]{1,5}$")]
    private static partial Regex DocumentationOrTestPath();
}
