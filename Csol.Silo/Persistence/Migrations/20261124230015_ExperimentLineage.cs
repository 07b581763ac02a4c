using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Csol.Silo.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class ExperimentLineage : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "DatasetId",
                table: "experiments",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Device",
                table: "experiments",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Group",
                table: "experiments",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Priority",
                table: "experiments",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.CreateIndex(
                name: "IX_experiments_Group",
                table: "experiments",
                column: "Group");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_experiments_Group",
                table: "experiments");

            migrationBuilder.DropColumn(
                name: "DatasetId",
                table: "experiments");

            migrationBuilder.DropColumn(
                name: "Device",
                table: "experiments");

            migrationBuilder.DropColumn(
                name: "Group",
                table: "experiments");

            migrationBuilder.DropColumn(
                name: "Priority",
                table: "experiments");
        }
    }
}
