import { MigrationInterface, QueryRunner } from "typeorm";

export class Reminders1795269336996 implements MigrationInterface {
    name = 'Reminders1795269336996'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            ALTER TABLE "body"
            ADD "reminder_offsets" jsonb
        `);
        await queryRunner.query(`
            CREATE TYPE "public"."digest_preference" AS ENUM('immediate', 'daily', 'weekly')
        `);
        await queryRunner.query(`
            ALTER TABLE "member"
            ADD "digest" "public"."digest_preference" NOT NULL DEFAULT 'immediate'
        `);
        await queryRunner.query(`
            ALTER TABLE "meeting"
            ADD "reminder_offsets" text array
        `);
        await queryRunner.query(`
            ALTER TABLE "work_plan_item"
            ADD "reminder_offsets" text array
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_fb3860cf9bafdb6e0f3220f0b8"
        `);
        await queryRunner.query(`
            ALTER TYPE "public"."notification_status"
            ADD VALUE 'digested'
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_fb3860cf9bafdb6e0f3220f0b8" ON "notification" ("status", "due_at")
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            DROP INDEX "public"."IDX_fb3860cf9bafdb6e0f3220f0b8"
        `);
        await queryRunner.query(`
            CREATE TYPE "public"."notification_status_old" AS ENUM(
                'scheduled',
                'sending',
                'sent',
                'failed',
                'cancelled',
                'skipped'
            )
        `);
        await queryRunner.query(`
            ALTER TABLE "notification"
            ALTER COLUMN "status" TYPE "public"."notification_status_old" USING "status"::"text"::"public"."notification_status_old"
        `);
        await queryRunner.query(`
            DROP TYPE "public"."notification_status"
        `);
        await queryRunner.query(`
            ALTER TYPE "public"."notification_status_old"
            RENAME TO "notification_status"
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_fb3860cf9bafdb6e0f3220f0b8" ON "notification" USING btree ("due_at", "status")
        `);
        await queryRunner.query(`
            ALTER TABLE "work_plan_item" DROP COLUMN "reminder_offsets"
        `);
        await queryRunner.query(`
            ALTER TABLE "meeting" DROP COLUMN "reminder_offsets"
        `);
        await queryRunner.query(`
            ALTER TABLE "member" DROP COLUMN "digest"
        `);
        await queryRunner.query(`
            DROP TYPE "public"."digest_preference"
        `);
        await queryRunner.query(`
            ALTER TABLE "body" DROP COLUMN "reminder_offsets"
        `);
    }

}
