using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PrivacyDesk.Data.Migrations
{
    /// <inheritdoc />
    public partial class PortalHardening : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "Lockouts",
                table: "PortalLinks",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<bool>(
                name: "ForgetBodyOnceSent",
                table: "Outbox",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Lockouts",
                table: "PortalLinks");

            migrationBuilder.DropColumn(
                name: "ForgetBodyOnceSent",
                table: "Outbox");
        }
    }
}
