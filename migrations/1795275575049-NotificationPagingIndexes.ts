import { MigrationInterface, QueryRunner } from "typeorm";

export class NotificationPagingIndexes1795275575049 implements MigrationInterface {
    name = 'NotificationPagingIndexes1795275575049'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            CREATE INDEX "notification_sending_claimed" ON "notification" ("claimed_at")
            WHERE status = 'sending'
        `);
        await queryRunner.query(`
            CREATE INDEX "notification_scheduled_due" ON "notification" ("due_at", "id")
            WHERE status = 'scheduled'
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_5ced94f7afcbd22f0cd2686edf" ON "notification" ("due_at", "id")
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            DROP INDEX "public"."IDX_5ced94f7afcbd22f0cd2686edf"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."notification_scheduled_due"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."notification_sending_claimed"
        `);
    }

}
