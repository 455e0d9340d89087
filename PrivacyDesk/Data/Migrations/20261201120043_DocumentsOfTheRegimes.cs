using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PrivacyDesk.Data.Migrations
{
    /// <inheritdoc />
    public partial class DocumentsOfTheRegimes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "RefusalGround",
                table: "Requests",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Jurisdiction",
                table: "ReplyTemplates",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "ApproximateRecords",
                table: "Incidents",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "FactsLanguage",
                table: "Incidents",
                type: "TEXT",
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "LikelyConsequences",
                table: "Incidents",
                type: "TEXT",
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "OtherAuthorities",
                table: "Incidents",
                type: "TEXT",
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "PublicNoticeReason",
                table: "Incidents",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Translations",
                table: "Incidents",
                type: "TEXT",
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "LegalBasisFr",
                table: "DataInventory",
                type: "TEXT",
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "RecipientsFr",
                table: "DataInventory",
                type: "TEXT",
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<int>(
                name: "Safeguard",
                table: "DataInventory",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "SourceFr",
                table: "DataInventory",
                type: "TEXT",
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "PostalAddress",
                table: "AffectedPeople",
                type: "TEXT",
                nullable: true);

            // Facts written so far are in the merchant's language; no translation exists yet.
            migrationBuilder.Sql("UPDATE Incidents SET Translations = '{}', FactsLanguage = COALESCE((SELECT DefaultLanguage FROM Merchants WHERE Merchants.Id = Incidents.MerchantId), 'fr');");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "RefusalGround",
                table: "Requests");

            migrationBuilder.DropColumn(
                name: "Jurisdiction",
                table: "ReplyTemplates");

            migrationBuilder.DropColumn(
                name: "ApproximateRecords",
                table: "Incidents");

            migrationBuilder.DropColumn(
                name: "FactsLanguage",
                table: "Incidents");

            migrationBuilder.DropColumn(
                name: "LikelyConsequences",
                table: "Incidents");

            migrationBuilder.DropColumn(
                name: "OtherAuthorities",
                table: "Incidents");

            migrationBuilder.DropColumn(
                name: "PublicNoticeReason",
                table: "Incidents");

            migrationBuilder.DropColumn(
                name: "Translations",
                table: "Incidents");

            migrationBuilder.DropColumn(
                name: "LegalBasisFr",
                table: "DataInventory");

            migrationBuilder.DropColumn(
                name: "RecipientsFr",
                table: "DataInventory");

            migrationBuilder.DropColumn(
                name: "Safeguard",
                table: "DataInventory");

            migrationBuilder.DropColumn(
                name: "SourceFr",
                table: "DataInventory");

            migrationBuilder.DropColumn(
                name: "PostalAddress",
                table: "AffectedPeople");
        }
    }
}
