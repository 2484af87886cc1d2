using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AgentHub.Core.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Brain : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "CitationsJson",
                table: "TaskSteps",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "BrainProfiles",
                columns: table => new
                {
                    WorkspaceId = table.Column<Guid>(type: "TEXT", nullable: false),
                    BusinessName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    Offer = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    Audience = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    Voice = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    WordsToUse = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    WordsToAvoid = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    Website = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_BrainProfiles", x => x.WorkspaceId);
                    table.ForeignKey(
                        name: "FK_BrainProfiles_Workspaces_WorkspaceId",
                        column: x => x.WorkspaceId,
                        principalTable: "Workspaces",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "BrainSources",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    WorkspaceId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    ErrorJson = table.Column<string>(type: "TEXT", maxLength: 1024, nullable: true),
                    Progress = table.Column<int>(type: "INTEGER", nullable: false),
                    Url = table.Column<string>(type: "TEXT", maxLength: 2048, nullable: true),
                    IncludeSitemap = table.Column<bool>(type: "INTEGER", nullable: false),
                    FileName = table.Column<string>(type: "TEXT", maxLength: 260, nullable: true),
                    MediaType = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    Bytes = table.Column<long>(type: "INTEGER", nullable: false),
                    ChunkCount = table.Column<int>(type: "INTEGER", nullable: false),
                    Generation = table.Column<int>(type: "INTEGER", nullable: false),
                    ContentHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    ETag = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    LastModified = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    CreatedBy = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    IndexedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    NextSyncAt = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_BrainSources", x => x.Id);
                    table.ForeignKey(
                        name: "FK_BrainSources_Workspaces_WorkspaceId",
                        column: x => x.WorkspaceId,
                        principalTable: "Workspaces",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "BrainChunks",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    WorkspaceId = table.Column<Guid>(type: "TEXT", nullable: false),
                    WorkspaceKey = table.Column<string>(type: "TEXT", maxLength: 33, nullable: false),
                    SourceId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Generation = table.Column<int>(type: "INTEGER", nullable: false),
                    Ordinal = table.Column<int>(type: "INTEGER", nullable: false),
                    Text = table.Column<string>(type: "TEXT", nullable: false),
                    Location = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    Tokens = table.Column<int>(type: "INTEGER", nullable: false),
                    Embedding = table.Column<byte[]>(type: "BLOB", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_BrainChunks", x => x.Id);
                    table.ForeignKey(
                        name: "FK_BrainChunks_BrainSources_SourceId",
                        column: x => x.SourceId,
                        principalTable: "BrainSources",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "BrainSourceContents",
                columns: table => new
                {
                    SourceId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Data = table.Column<byte[]>(type: "BLOB", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_BrainSourceContents", x => x.SourceId);
                    table.ForeignKey(
                        name: "FK_BrainSourceContents_BrainSources_SourceId",
                        column: x => x.SourceId,
                        principalTable: "BrainSources",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_BrainChunks_SourceId_Generation",
                table: "BrainChunks",
                columns: new[] { "SourceId", "Generation" });

            migrationBuilder.CreateIndex(
                name: "IX_BrainChunks_WorkspaceId",
                table: "BrainChunks",
                column: "WorkspaceId");

            migrationBuilder.CreateIndex(
                name: "IX_BrainSources_Status",
                table: "BrainSources",
                column: "Status");

            migrationBuilder.CreateIndex(
                name: "IX_BrainSources_WorkspaceId_CreatedAt",
                table: "BrainSources",
                columns: new[] { "WorkspaceId", "CreatedAt" });

            // The Brain's full-text index (FTS5, external content over BrainChunks, kept by triggers): Unicode words
            // with accents folded, so French and English both match; BM25 ranks. The workspace is indexed too, as one word
            // (WorkspaceKey), so a search reads only its workspace's entries. Written by hand: EF has no model of it.
            migrationBuilder.Sql("""
                CREATE VIRTUAL TABLE "BrainChunkIndex" USING fts5("Text", "WorkspaceKey", content='BrainChunks', content_rowid='Id', tokenize='unicode61 remove_diacritics 2');
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER "BrainChunks_ai" AFTER INSERT ON "BrainChunks" BEGIN
                    INSERT INTO "BrainChunkIndex"(rowid, "Text", "WorkspaceKey") VALUES (new."Id", new."Text", new."WorkspaceKey");
                END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER "BrainChunks_ad" AFTER DELETE ON "BrainChunks" BEGIN
                    INSERT INTO "BrainChunkIndex"("BrainChunkIndex", rowid, "Text", "WorkspaceKey") VALUES ('delete', old."Id", old."Text", old."WorkspaceKey");
                END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER "BrainChunks_au" AFTER UPDATE OF "Text", "WorkspaceKey" ON "BrainChunks" BEGIN
                    INSERT INTO "BrainChunkIndex"("BrainChunkIndex", rowid, "Text", "WorkspaceKey") VALUES ('delete', old."Id", old."Text", old."WorkspaceKey");
                    INSERT INTO "BrainChunkIndex"(rowid, "Text", "WorkspaceKey") VALUES (new."Id", new."Text", new."WorkspaceKey");
                END;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""DROP TRIGGER IF EXISTS "BrainChunks_ai";""");
            migrationBuilder.Sql("""DROP TRIGGER IF EXISTS "BrainChunks_ad";""");
            migrationBuilder.Sql("""DROP TRIGGER IF EXISTS "BrainChunks_au";""");
            migrationBuilder.Sql("""DROP TABLE IF EXISTS "BrainChunkIndex";""");

            migrationBuilder.DropTable(
                name: "BrainChunks");

            migrationBuilder.DropTable(
                name: "BrainProfiles");

            migrationBuilder.DropTable(
                name: "BrainSourceContents");

            migrationBuilder.DropTable(
                name: "BrainSources");

            migrationBuilder.DropColumn(
                name: "CitationsJson",
                table: "TaskSteps");
        }
    }
}
