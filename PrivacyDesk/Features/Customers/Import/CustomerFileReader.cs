using System.Runtime.CompilerServices;
using System.Text.Json;
using CsvHelper;

namespace PrivacyDesk.Features.Customers.Import;

/// <summary>One record of a customer file: its line (CSV) or record number (JSON) and its values by field.</summary>
public sealed record ImportRow(long Line, IReadOnlyDictionary<ImportField, string> Values)
{
    public string? this[ImportField field] => Values.TryGetValue(field, out var v) && !string.IsNullOrWhiteSpace(v) ? v.Trim() : null;
}

public enum ImportFormat { Csv, Json }

/// <summary>Reads CSV (any delimiter CsvHelper detects, UTF-8 with or without BOM) or a JSON array of objects.</summary>
public static class CustomerFileReader
{
    public static ImportFormat FormatOf(string fileName) =>
        fileName.EndsWith(".json", StringComparison.OrdinalIgnoreCase) ? ImportFormat.Json : ImportFormat.Csv;

    /// <summary>The file's column names (CSV header, or the first JSON object's properties).</summary>
    public static async Task<IReadOnlyList<string>> HeadersAsync(Stream stream, ImportFormat format, CancellationToken ct = default)
    {
        if (format == ImportFormat.Json)
        {
            await foreach (var record in JsonSerializer.DeserializeAsyncEnumerable<Dictionary<string, JsonElement>>(stream, cancellationToken: ct))
                return record?.Keys.ToList() ?? [];
            return [];
        }
        await using var csv = CsvReader.Create(stream, Options(), true);
        await csv.ReadHeaderAsync(ct);
        return csv.Headers.ToList();
    }

    public static async IAsyncEnumerable<ImportRow> ReadAsync(Stream stream, ImportFormat format, IReadOnlyDictionary<string, ImportField> map,
        [EnumeratorCancellation] CancellationToken ct = default)
    {
        if (format == ImportFormat.Json)
        {
            long n = 0;
            await foreach (var record in JsonSerializer.DeserializeAsyncEnumerable<Dictionary<string, JsonElement>>(stream, cancellationToken: ct))
            {
                n++;
                if (record is null) continue;
                var values = new Dictionary<ImportField, string>();
                foreach (var (key, value) in record)
                    if (map.TryGetValue(key, out var field) && field != ImportField.Ignore)
                        values[field] = value.ValueKind == JsonValueKind.String ? value.GetString()! : value.ValueKind == JsonValueKind.Null ? "" : value.GetRawText();
                yield return new ImportRow(n, values);
            }
            yield break;
        }

        await using var csv = CsvReader.Create(stream, Options(), true);
        await csv.ReadHeaderAsync(ct);
        var columns = csv.Headers.Select((h, i) => (Index: i, Field: map.GetValueOrDefault(h, ImportField.Ignore))).Where(c => c.Field != ImportField.Ignore).ToArray();
        while (await csv.ReadAsync(ct))
        {
            var values = new Dictionary<ImportField, string>(columns.Length);
            foreach (var (index, field) in columns)
                values[field] = index < csv.FieldCount ? csv.GetString(index) : "";
            // The reader's own line number: a quoted field with a line break spans several lines.
            yield return new ImportRow(csv.LineNumber, values);
        }
    }

    // The separator (, ; tab |) is detected from the first lines; malformed quoting is recovered, not fatal.
    private static CsvReaderOptions Options() => new() { TrackLineNumbers = true, TrimWhitespace = true };
}
