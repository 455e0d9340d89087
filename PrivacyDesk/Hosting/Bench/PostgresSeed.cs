using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;
using PrivacyDesk.Data;
using PrivacyDesk.Features.Requests;

namespace PrivacyDesk.Hosting.Bench;

/// <summary>
/// The queue benchmark's rows (<see cref="QueueBenchmark.Rows"/>) on PostgreSQL, by binary COPY (the server's bulk
/// path): the same columns and values as the SQLite seeding, so that both providers are measured on the same data.
/// </summary>
internal static class PostgresSeed
{
    public static async Task RequestsAsync(PrivacyDeskDbContext db, int[] merchantIds, int count)
    {
        await db.Database.OpenConnectionAsync();
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await using (var copy = await connection.BeginBinaryImportAsync("""
            COPY "Requests" ("MerchantId", "Reference", "Type", "TypeCodes", "OptOutChannels", "Channel", "Jurisdiction", "Language", "RequesterName",
              "RequesterEmail", "Subject", "Message", "Status", "ReceivedAt", "ReceivedOn", "AcknowledgementDue", "LegalDue", "EffectiveDue", "PausedDays",
              "SearchText", "CreatedAt", "UpdatedAt", "Version", "AwaitingEmailConfirmation") FROM STDIN (FORMAT BINARY)
            """))
        {
            foreach (var row in QueueBenchmark.Rows(merchantIds, count))
            {
                await copy.StartRowAsync();
                await copy.WriteAsync(row.MerchantId, NpgsqlDbType.Integer);
                await copy.WriteAsync(row.Reference, NpgsqlDbType.Varchar);
                await copy.WriteAsync(row.Type.ToString(), NpgsqlDbType.Varchar);
                await copy.WriteAsync(row.Type.Code(), NpgsqlDbType.Text);
                await copy.WriteAsync("None", NpgsqlDbType.Varchar);
                await copy.WriteAsync("Email", NpgsqlDbType.Varchar);
                await copy.WriteAsync("Quebec", NpgsqlDbType.Varchar);
                await copy.WriteAsync("fr", NpgsqlDbType.Varchar);
                await copy.WriteAsync(row.Name, NpgsqlDbType.Text);
                await copy.WriteAsync(row.Email, NpgsqlDbType.Text);
                await copy.WriteAsync("Demande", NpgsqlDbType.Text);
                await copy.WriteAsync("", NpgsqlDbType.Text);
                await copy.WriteAsync(row.Status, NpgsqlDbType.Varchar);
                await copy.WriteAsync(row.At, NpgsqlDbType.TimestampTz);
                await copy.WriteAsync(row.On, NpgsqlDbType.Date);
                await copy.WriteAsync(row.On.AddDays(2), NpgsqlDbType.Date);
                await copy.WriteAsync(row.On.AddDays(30), NpgsqlDbType.Date);
                await copy.WriteAsync(row.On.AddDays(30), NpgsqlDbType.Date);
                await copy.WriteAsync(0, NpgsqlDbType.Integer);
                await copy.WriteAsync(row.SearchText, NpgsqlDbType.Text);
                await copy.WriteAsync(row.At, NpgsqlDbType.TimestampTz);
                await copy.WriteAsync(row.At, NpgsqlDbType.TimestampTz);
                await copy.WriteAsync(Guid.NewGuid(), NpgsqlDbType.Uuid);
                await copy.WriteAsync(false, NpgsqlDbType.Boolean);
            }
            await copy.CompleteAsync();
        }
        await db.Database.ExecuteSqlRawAsync("ANALYZE;");
    }
}
