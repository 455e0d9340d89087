using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PrivacyDesk.Data.Migrations
{
    /// <inheritdoc />
    public partial class RequestSearch : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // An FTS5 index over Requests.SearchText (external content: the text lives once, in
            // Requests), kept in step by triggers. Queried as a table-valued function: RequestSearch('"helene"*').
            migrationBuilder.Sql("""
                CREATE VIRTUAL TABLE RequestSearch USING fts5(SearchText, content='Requests', content_rowid='Id', tokenize='unicode61 remove_diacritics 2');
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER Requests_SearchInsert AFTER INSERT ON Requests BEGIN
                  INSERT INTO RequestSearch(rowid, SearchText) VALUES (new.Id, new.SearchText);
                END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER Requests_SearchDelete AFTER DELETE ON Requests BEGIN
                  INSERT INTO RequestSearch(RequestSearch, rowid, SearchText) VALUES ('delete', old.Id, old.SearchText);
                END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER Requests_SearchUpdate AFTER UPDATE OF SearchText ON Requests BEGIN
                  INSERT INTO RequestSearch(RequestSearch, rowid, SearchText) VALUES ('delete', old.Id, old.SearchText);
                  INSERT INTO RequestSearch(rowid, SearchText) VALUES (new.Id, new.SearchText);
                END;
                """);
            migrationBuilder.Sql("INSERT INTO RequestSearch(RequestSearch) VALUES ('rebuild');");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS Requests_SearchInsert;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS Requests_SearchDelete;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS Requests_SearchUpdate;");
            migrationBuilder.Sql("DROP TABLE IF EXISTS RequestSearch;");
        }
    }
}
