using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PrivacyDesk.Data.Migrations
{
    /// <inheritdoc />
    public partial class WebFormEmailConfirmation : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "AwaitingEmailConfirmation",
                table: "Requests",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<bool>(
                name: "ConfirmWebFormEmail",
                table: "Merchants",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "AwaitingEmailConfirmation",
                table: "Requests");

            migrationBuilder.DropColumn(
                name: "ConfirmWebFormEmail",
                table: "Merchants");
        }
    }
}
