import { MigrationInterface, QueryRunner } from "typeorm";

export class InboundMessages1796595151079 implements MigrationInterface {
    name = 'InboundMessages1796595151079'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            CREATE TYPE "public"."inbound_kind" AS ENUM(
                'calendar_reply',
                'reply',
                'auto_reply',
                'bounce',
                'unknown',
                'oversize'
            )
        `);
        await queryRunner.query(`
            CREATE TYPE "public"."inbound_status" AS ENUM(
                'applied',
                'flagged',
                'noted',
                'inbox',
                'ignored',
                'dismissed'
            )
        `);
        await queryRunner.query(`
            CREATE TABLE "inbound_message" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "mailbox" text NOT NULL,
                "uid_validity" bigint NOT NULL,
                "uid" bigint NOT NULL,
                "message_id" text NOT NULL,
                "from_address" text NOT NULL,
                "from_name" text,
                "to_address" text NOT NULL DEFAULT '',
                "subject" text NOT NULL DEFAULT '',
                "received_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "size" integer NOT NULL,
                "kind" "public"."inbound_kind" NOT NULL,
                "status" "public"."inbound_status" NOT NULL,
                "member_id" uuid,
                "meeting_id" uuid,
                "notification_id" uuid,
                "text_body" text NOT NULL DEFAULT '',
                "attachments" jsonb NOT NULL DEFAULT '[]',
                "details" jsonb NOT NULL DEFAULT '{}',
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "handled_at" TIMESTAMP WITH TIME ZONE,
                CONSTRAINT "PK_a013d32c89ba79e84f4d371bd1b" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "IDX_0f1782862fde516b5d39eb4096" ON "inbound_message" ("message_id")
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_62ed2908af7b273a1f9aa08224" ON "inbound_message" ("from_address")
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_be63831da9e5f753f8fe7207af" ON "inbound_message" ("received_at")
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_1e207fb7c749c98f2ac6e93fbd" ON "inbound_message" ("member_id")
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_4ad56f0516fb6acd77cd593337" ON "inbound_message" ("meeting_id")
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_bf5bb2aa59d7eaf40291425513" ON "inbound_message" ("notification_id")
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_2e50d072ee2253e43642984441" ON "inbound_message" ("status", "received_at")
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "inbound_message_mailbox_uid" ON "inbound_message" ("mailbox", "uid_validity", "uid")
        `);
        await queryRunner.query(`
            ALTER TABLE "member"
            ADD "away_until" date
        `);
        await queryRunner.query(`
            ALTER TABLE "member"
            ADD "away_noted_at" TIMESTAMP WITH TIME ZONE
        `);
        await queryRunner.query(`
            ALTER TABLE "member"
            ADD "email_bouncing_at" TIMESTAMP WITH TIME ZONE
        `);
        await queryRunner.query(`
            ALTER TABLE "member"
            ADD "email_bounce_status" text
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            ALTER TABLE "member" DROP COLUMN "email_bounce_status"
        `);
        await queryRunner.query(`
            ALTER TABLE "member" DROP COLUMN "email_bouncing_at"
        `);
        await queryRunner.query(`
            ALTER TABLE "member" DROP COLUMN "away_noted_at"
        `);
        await queryRunner.query(`
            ALTER TABLE "member" DROP COLUMN "away_until"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."inbound_message_mailbox_uid"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_2e50d072ee2253e43642984441"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_bf5bb2aa59d7eaf40291425513"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_4ad56f0516fb6acd77cd593337"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_1e207fb7c749c98f2ac6e93fbd"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_be63831da9e5f753f8fe7207af"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_62ed2908af7b273a1f9aa08224"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_0f1782862fde516b5d39eb4096"
        `);
        await queryRunner.query(`
            DROP TABLE "inbound_message"
        `);
        await queryRunner.query(`
            DROP TYPE "public"."inbound_status"
        `);
        await queryRunner.query(`
            DROP TYPE "public"."inbound_kind"
        `);
    }

}
