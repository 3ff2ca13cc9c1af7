import { MigrationInterface, QueryRunner } from "typeorm";

export class ContentTranslations1796584178320 implements MigrationInterface {
    name = 'ContentTranslations1796584178320'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            ALTER TABLE "meeting"
            ADD "original_language" character varying(2)
        `);
        await queryRunner.query(`
            ALTER TABLE "meeting"
            ADD "translations" jsonb NOT NULL DEFAULT '{}'
        `);
        await queryRunner.query(`
            ALTER TABLE "meeting_minutes"
            ADD "original_language" character varying(2)
        `);
        await queryRunner.query(`
            ALTER TABLE "meeting_minutes"
            ADD "translations" jsonb NOT NULL DEFAULT '{}'
        `);
        await queryRunner.query(`
            ALTER TABLE "meeting_decision"
            ADD "translations" jsonb NOT NULL DEFAULT '{}'
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            ALTER TABLE "meeting_decision" DROP COLUMN "translations"
        `);
        await queryRunner.query(`
            ALTER TABLE "meeting_minutes" DROP COLUMN "translations"
        `);
        await queryRunner.query(`
            ALTER TABLE "meeting_minutes" DROP COLUMN "original_language"
        `);
        await queryRunner.query(`
            ALTER TABLE "meeting" DROP COLUMN "translations"
        `);
        await queryRunner.query(`
            ALTER TABLE "meeting" DROP COLUMN "original_language"
        `);
    }

}
