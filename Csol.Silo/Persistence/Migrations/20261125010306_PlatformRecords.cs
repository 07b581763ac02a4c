using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Csol.Silo.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class PlatformRecords : Migration
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

            migrationBuilder.AddColumn<string>(
                name: "Kind",
                table: "experiments",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Priority",
                table: "experiments",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.CreateTable(
                name: "checkpoints",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ExperimentId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Deleted = table.Column<bool>(type: "INTEGER", nullable: false),
                    Json = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_checkpoints", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "datasets",
                columns: table => new
                {
                    Id = table.Column<string>(type: "TEXT", nullable: false),
                    RegisteredAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Json = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_datasets", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "experiment_log",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ExperimentId = table.Column<Guid>(type: "TEXT", nullable: false),
                    At = table.Column<long>(type: "INTEGER", nullable: false),
                    Level = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Message = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_experiment_log", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "leaderboard_entries",
                columns: table => new
                {
                    Board = table.Column<string>(type: "TEXT", nullable: false),
                    ExperimentId = table.Column<Guid>(type: "TEXT", nullable: false),
                    RecordedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Json = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_leaderboard_entries", x => new { x.Board, x.ExperimentId });
                });

            migrationBuilder.CreateTable(
                name: "metric_points",
                columns: table => new
                {
                    ExperimentId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Step = table.Column<int>(type: "INTEGER", nullable: false),
                    Name = table.Column<string>(type: "TEXT", nullable: false),
                    Epoch = table.Column<int>(type: "INTEGER", nullable: false),
                    Value = table.Column<double>(type: "REAL", nullable: true),
                    ElapsedSeconds = table.Column<double>(type: "REAL", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_metric_points", x => new { x.ExperimentId, x.Step, x.Name });
                });

            migrationBuilder.CreateIndex(
                name: "IX_experiments_Group",
                table: "experiments",
                column: "Group");

            migrationBuilder.CreateIndex(
                name: "IX_checkpoints_CreatedAt",
                table: "checkpoints",
                column: "CreatedAt");

            migrationBuilder.CreateIndex(
                name: "IX_checkpoints_ExperimentId",
                table: "checkpoints",
                column: "ExperimentId");

            migrationBuilder.CreateIndex(
                name: "IX_experiment_log_ExperimentId_Id",
                table: "experiment_log",
                columns: new[] { "ExperimentId", "Id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "checkpoints");

            migrationBuilder.DropTable(
                name: "datasets");

            migrationBuilder.DropTable(
                name: "experiment_log");

            migrationBuilder.DropTable(
                name: "leaderboard_entries");

            migrationBuilder.DropTable(
                name: "metric_points");

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
                name: "Kind",
                table: "experiments");

            migrationBuilder.DropColumn(
                name: "Priority",
                table: "experiments");
        }
    }
}
