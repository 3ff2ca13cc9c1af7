import { MigrationInterface, QueryRunner } from "typeorm";

export class Documents1796595301210 implements MigrationInterface {
    name = 'Documents1796595301210'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            CREATE TYPE "public"."document_kind" AS ENUM(
                'agenda',
                'background',
                'presentation',
                'draft_decision',
                'report',
                'minutes',
                'list_of_participants',
                'other'
            )
        `);
        await queryRunner.query(`
            CREATE TYPE "public"."document_status" AS ENUM('draft', 'published', 'withdrawn')
        `);
        await queryRunner.query(`
            CREATE TABLE "document" (
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "meeting_id" uuid,
                "agenda_item_id" uuid,
                "body_id" uuid,
                "title" jsonb NOT NULL,
                "kind" "public"."document_kind" NOT NULL,
                "symbol" text,
                "status" "public"."document_status" NOT NULL DEFAULT 'draft',
                "published_at" TIMESTAMP WITH TIME ZONE,
                "withdrawn_at" TIMESTAMP WITH TIME ZONE,
                "created_by" text,
                "updated_by" text,
                CONSTRAINT "document_owner" CHECK (("meeting_id" IS NULL) <> ("body_id" IS NULL)),
                CONSTRAINT "PK_e57d3357f83f3cdc0acffc3d777" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_ca91a06ac6e4aa4f6db382cafa" ON "document" ("agenda_item_id")
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_74e1d757f314ced7a7f4a0c15b" ON "document" ("body_id", "created_at")
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_d93814658d5b17af7b6e1e85a0" ON "document" ("meeting_id", "created_at")
        `);
        await queryRunner.query(`
            CREATE TABLE "document_file" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "document_id" uuid NOT NULL,
                "language" character varying(2) NOT NULL,
                "revision" integer NOT NULL,
                "file_name" text NOT NULL,
                "media_type" text NOT NULL,
                "byte_size" bigint NOT NULL,
                "sha256" character(64) NOT NULL,
                "storage_key" text NOT NULL,
                "uploaded_by" text,
                "uploaded_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "superseded_at" TIMESTAMP WITH TIME ZONE,
                CONSTRAINT "PK_b9e7d1916962b81f2c3b5b54804" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "document_file_one_current" ON "document_file" ("document_id", "language")
            WHERE "superseded_at" IS NULL
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "IDX_ffff899e1ce09e11cd8f90041f" ON "document_file" ("document_id", "language", "revision")
        `);
        await queryRunner.query(`
            CREATE TABLE "document_blob" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "byte_size" bigint NOT NULL,
                "sha256" character(64) NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_0194dd02d601fc7668bcb11697f" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE TABLE "document_blob_chunk" (
                "blob_id" uuid NOT NULL,
                "seq" integer NOT NULL,
                "bytes" bytea NOT NULL,
                CONSTRAINT "PK_4e846c9585145021630f7b17aa1" PRIMARY KEY ("blob_id", "seq")
            )
        `);
        await queryRunner.query(`
            CREATE TYPE "public"."document_read_channel" AS ENUM('link', 'session')
        `);
        await queryRunner.query(`
            CREATE TABLE "document_read" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "document_id" uuid NOT NULL,
                "file_id" uuid NOT NULL,
                "member_id" uuid NOT NULL,
                "at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "via" "public"."document_read_channel" NOT NULL,
                CONSTRAINT "PK_05a5c3b965142d7223281e575c2" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_51c4b4055e683412916f1fef9d" ON "document_read" ("file_id")
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_0fbc03280bf225042a3e562bfa" ON "document_read" ("member_id")
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_99cdcc1c7814cff75b24fc7871" ON "document_read" ("document_id", "member_id")
        `);
        await queryRunner.query(`
            ALTER TABLE "document"
            ADD CONSTRAINT "FK_1203c4f7dd8522f17a5dad0eaa7" FOREIGN KEY ("meeting_id") REFERENCES "meeting"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "document"
            ADD CONSTRAINT "FK_ca91a06ac6e4aa4f6db382cafac" FOREIGN KEY ("agenda_item_id") REFERENCES "agenda_item"("id") ON DELETE
            SET NULL ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "document"
            ADD CONSTRAINT "FK_c1a474f024b52c7bc6597f4e5ae" FOREIGN KEY ("body_id") REFERENCES "body"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "document_file"
            ADD CONSTRAINT "FK_451c4ffa00abea5f7e548c91038" FOREIGN KEY ("document_id") REFERENCES "document"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "document_blob_chunk"
            ADD CONSTRAINT "FK_1f0d2d6965d1147a99c15c1c4b1" FOREIGN KEY ("blob_id") REFERENCES "document_blob"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "document_read"
            ADD CONSTRAINT "FK_ef9ae4da96fedb33a969a11f1b8" FOREIGN KEY ("document_id") REFERENCES "document"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "document_read"
            ADD CONSTRAINT "FK_51c4b4055e683412916f1fef9d5" FOREIGN KEY ("file_id") REFERENCES "document_file"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "document_read"
            ADD CONSTRAINT "FK_0fbc03280bf225042a3e562bfad" FOREIGN KEY ("member_id") REFERENCES "member"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            ALTER TABLE "document_read" DROP CONSTRAINT "FK_0fbc03280bf225042a3e562bfad"
        `);
        await queryRunner.query(`
            ALTER TABLE "document_read" DROP CONSTRAINT "FK_51c4b4055e683412916f1fef9d5"
        `);
        await queryRunner.query(`
            ALTER TABLE "document_read" DROP CONSTRAINT "FK_ef9ae4da96fedb33a969a11f1b8"
        `);
        await queryRunner.query(`
            ALTER TABLE "document_blob_chunk" DROP CONSTRAINT "FK_1f0d2d6965d1147a99c15c1c4b1"
        `);
        await queryRunner.query(`
            ALTER TABLE "document_file" DROP CONSTRAINT "FK_451c4ffa00abea5f7e548c91038"
        `);
        await queryRunner.query(`
            ALTER TABLE "document" DROP CONSTRAINT "FK_c1a474f024b52c7bc6597f4e5ae"
        `);
        await queryRunner.query(`
            ALTER TABLE "document" DROP CONSTRAINT "FK_ca91a06ac6e4aa4f6db382cafac"
        `);
        await queryRunner.query(`
            ALTER TABLE "document" DROP CONSTRAINT "FK_1203c4f7dd8522f17a5dad0eaa7"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_99cdcc1c7814cff75b24fc7871"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_0fbc03280bf225042a3e562bfa"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_51c4b4055e683412916f1fef9d"
        `);
        await queryRunner.query(`
            DROP TABLE "document_read"
        `);
        await queryRunner.query(`
            DROP TYPE "public"."document_read_channel"
        `);
        await queryRunner.query(`
            DROP TABLE "document_blob_chunk"
        `);
        await queryRunner.query(`
            DROP TABLE "document_blob"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_ffff899e1ce09e11cd8f90041f"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."document_file_one_current"
        `);
        await queryRunner.query(`
            DROP TABLE "document_file"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_d93814658d5b17af7b6e1e85a0"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_74e1d757f314ced7a7f4a0c15b"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_ca91a06ac6e4aa4f6db382cafa"
        `);
        await queryRunner.query(`
            DROP TABLE "document"
        `);
        await queryRunner.query(`
            DROP TYPE "public"."document_status"
        `);
        await queryRunner.query(`
            DROP TYPE "public"."document_kind"
        `);
    }

}
