import { MigrationInterface, QueryRunner } from "typeorm";

export class DocumentNotice1796596290686 implements MigrationInterface {
    name = 'DocumentNotice1796596290686'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            CREATE TABLE "document_notice" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "member_id" uuid NOT NULL,
                "file_id" uuid NOT NULL,
                "notification_id" uuid NOT NULL,
                "told_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_f980043b3c6a75919e6f70e6dff" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_d444d7898b9aafa62de31818e1" ON "document_notice" ("file_id")
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_8716acd6ab35eac252659f9b4a" ON "document_notice" ("notification_id")
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "IDX_d95ea84547a64b13d90a2bfeaf" ON "document_notice" ("member_id", "file_id")
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            DROP INDEX "public"."IDX_d95ea84547a64b13d90a2bfeaf"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_8716acd6ab35eac252659f9b4a"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_d444d7898b9aafa62de31818e1"
        `);
        await queryRunner.query(`
            DROP TABLE "document_notice"
        `);
    }

}
