using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace CiSecrets.Reporting;

/// <summary>
/// <c>{"findings":[…],"stats":{…},"warnings":[…],"notices":[…]}</c>; each finding has exactly
/// ruleId, description, path, line, column, commit, author, email, date, fingerprint, preview,
/// entropy (the README documents them). Written by hand so the field names are the contract,
/// not a serializer's naming policy.
/// </summary>
public sealed class JsonReportWriter : IReportWriter
{
    public string Format => "json";

    public Task WriteAsync(Report report, TextWriter writer, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteStartArray("findings");
            foreach (var finding in report.Findings)
            {
                WriteFinding(json, finding);
            }

            json.WriteEndArray();
            json.WriteStartObject("stats");
            json.WriteNumber("findings", report.Findings.Count);
            foreach (var stat in report.Stats)
            {
                WriteValue(json, stat.Name, stat.Value);
            }

            json.WriteEndObject();
            WriteStrings(json, "warnings", report.Warnings);
            WriteStrings(json, "notices", report.Notices);
            json.WriteEndObject();
        }

        return writer.WriteAsync(PrintedText.EscapeJson(Encoding.UTF8.GetString(buffer.ToArray())) + "\n").WaitAsync(cancellationToken);
    }

    private static void WriteFinding(Utf8JsonWriter json, Finding finding)
    {
        json.WriteStartObject();
        json.WriteString("ruleId", finding.RuleId);
        json.WriteString("description", finding.Description);
        json.WriteString("path", finding.Path);
        json.WriteNumber("line", finding.Line);
        json.WriteNumber("column", finding.Column);
        json.WriteString("commit", finding.Commit);
        json.WriteString("author", finding.Author);
        json.WriteString("email", finding.Email);
        json.WriteString("date", finding.Date);
        json.WriteString("fingerprint", finding.Fingerprint);
        json.WriteString("preview", finding.Preview);
        if (finding.SecretId.Length > 0)
        {
            json.WriteString("secretId", finding.SecretId);
        }

        json.WriteNumber("entropy", finding.Entropy);
        json.WriteString("confidence", finding.Confidence.Name());
        json.WriteEndObject();
    }

    private static void WriteValue(Utf8JsonWriter json, string name, object value)
    {
        switch (value)
        {
            case long number: json.WriteNumber(name, number); break;
            case int number: json.WriteNumber(name, number); break;
            case double number: json.WriteNumber(name, number); break;
            case bool flag: json.WriteBoolean(name, flag); break;
            default: json.WriteString(name, value.ToString()); break;
        }
    }

    private static void WriteStrings(Utf8JsonWriter json, string name, IEnumerable<string> values)
    {
        json.WriteStartArray(name);
        foreach (var value in values)
        {
            json.WriteStringValue(value);
        }

        json.WriteEndArray();
    }
}
