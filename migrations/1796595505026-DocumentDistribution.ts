import { MigrationInterface, QueryRunner } from "typeorm";

export class DocumentDistribution1796595505026 implements MigrationInterface {
    name = 'DocumentDistribution1796595505026'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            ALTER TABLE "body"
            ADD "document_distribution" jsonb
        `);
        await queryRunner.query(`
            ALTER TABLE "meeting"
            ADD "document_deadlines" jsonb
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            ALTER TABLE "meeting" DROP COLUMN "document_deadlines"
        `);
        await queryRunner.query(`
            ALTER TABLE "body" DROP COLUMN "document_distribution"
        `);
    }

}
