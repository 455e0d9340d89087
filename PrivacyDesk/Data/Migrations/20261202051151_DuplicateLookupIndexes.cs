using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PrivacyDesk.Data.Migrations
{
    /// <inheritdoc />
    public partial class DuplicateLookupIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_Requests_MerchantId_CustomerId_Status",
                table: "Requests",
                columns: new[] { "MerchantId", "CustomerId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_Requests_MerchantId_RequesterEmail_Status",
                table: "Requests",
                columns: new[] { "MerchantId", "RequesterEmail", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_Requests_MerchantId_RequesterPhone_Status",
                table: "Requests",
                columns: new[] { "MerchantId", "RequesterPhone", "Status" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Requests_MerchantId_CustomerId_Status",
                table: "Requests");

            migrationBuilder.DropIndex(
                name: "IX_Requests_MerchantId_RequesterEmail_Status",
                table: "Requests");

            migrationBuilder.DropIndex(
                name: "IX_Requests_MerchantId_RequesterPhone_Status",
                table: "Requests");
        }
    }
}
