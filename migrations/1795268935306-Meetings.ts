import { MigrationInterface, QueryRunner } from "typeorm";

export class Meetings1795268935306 implements MigrationInterface {
    name = 'Meetings1795268935306'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            CREATE TYPE "public"."meeting_kind" AS ENUM(
                'working_group',
                'steering_committee',
                'technical',
                'workshop',
                'training',
                'dialogue',
                'conference'
            )
        `);
        await queryRunner.query(`
            CREATE TYPE "public"."meeting_status" AS ENUM(
                'tentative',
                'scheduled',
                'held',
                'cancelled',
                'postponed'
            )
        `);
        await queryRunner.query(`
            CREATE TABLE "meeting" (
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "body_id" uuid NOT NULL,
                "kind" "public"."meeting_kind" NOT NULL,
                "number" integer,
                "title" jsonb NOT NULL,
                "time_zone" text NOT NULL,
                "starts_at" TIMESTAMP WITH TIME ZONE,
                "ends_at" TIMESTAMP WITH TIME ZONE,
                "venue" text,
                "city" text,
                "country_code" character varying(2),
                "online_url" text,
                "description" text,
                "status" "public"."meeting_status" NOT NULL DEFAULT 'tentative',
                "status_reason" text,
                "sequence" integer NOT NULL DEFAULT '0',
                "poll_opened_at" TIMESTAMP WITH TIME ZONE,
                "poll_closes_at" TIMESTAMP WITH TIME ZONE,
                CONSTRAINT "PK_dccaf9e4c0e39067d82ccc7bb83" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_bd206c23484c7665792c7590fc" ON "meeting" ("starts_at")
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_466b6cb8fd3e75d49bbc9ee9e8" ON "meeting" ("status")
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "meeting_number_unique" ON "meeting" ("body_id", "kind", "number")
            WHERE number IS NOT NULL
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_f95579f568ff54e82e2ada0872" ON "meeting" ("body_id", "starts_at")
        `);
        await queryRunner.query(`
            CREATE TABLE "agenda_item" (
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "meeting_id" uuid NOT NULL,
                "position" integer NOT NULL,
                "title" jsonb NOT NULL,
                "presenter_id" uuid,
                "duration_minutes" integer,
                "documents" jsonb NOT NULL DEFAULT '[]',
                CONSTRAINT "PK_413623e61232799619c2e0a1d42" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_faa514e8be99c509572ad4337c" ON "agenda_item" ("meeting_id", "position")
        `);
        await queryRunner.query(`
            CREATE TABLE "calendar_feed_token" (
                "member_id" uuid NOT NULL,
                "token_hash" character(64) NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_6a40ebd866792e68f274b49d291" PRIMARY KEY ("member_id")
            )
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "IDX_da3743af69f31ffd278f363bce" ON "calendar_feed_token" ("token_hash")
        `);
        await queryRunner.query(`
            CREATE TABLE "meeting_date_option" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "meeting_id" uuid NOT NULL,
                "position" integer NOT NULL,
                "label" text,
                "starts_at" TIMESTAMP WITH TIME ZONE,
                "ends_at" TIMESTAMP WITH TIME ZONE,
                "text" text,
                "windows" jsonb NOT NULL DEFAULT '[]',
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_005d995666fb84330b59e3a9471" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_c9d3147ce614ffcad906e4d97d" ON "meeting_date_option" ("meeting_id", "position")
        `);
        await queryRunner.query(`
            CREATE TYPE "public"."poll_answer" AS ENUM('yes', 'if_need_be', 'no')
        `);
        await queryRunner.query(`
            CREATE TABLE "meeting_date_answer" (
                "option_id" uuid NOT NULL,
                "member_id" uuid NOT NULL,
                "answer" "public"."poll_answer" NOT NULL,
                "answered_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                CONSTRAINT "PK_19e9588c38d193f2ed6d347bfb4" PRIMARY KEY ("option_id", "member_id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_8add3a7743ca0b346f444501bf" ON "meeting_date_answer" ("member_id")
        `);
        await queryRunner.query(`
            CREATE TYPE "public"."invitation_response" AS ENUM(
                'pending',
                'accepted',
                'declined',
                'tentative',
                'delegated'
            )
        `);
        await queryRunner.query(`
            CREATE TABLE "invitation" (
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "meeting_id" uuid NOT NULL,
                "member_id" uuid NOT NULL,
                "response" "public"."invitation_response" NOT NULL DEFAULT 'pending',
                "delegate_member_id" uuid,
                "responded_at" TIMESTAMP WITH TIME ZONE,
                "responded_via" text,
                "response_note" text,
                "invited_at" TIMESTAMP WITH TIME ZONE,
                "attended" boolean,
                CONSTRAINT "PK_beb994737756c0f18a1c1f8669c" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_2cd02613944c1f9d45bec637b5" ON "invitation" ("member_id")
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "IDX_f79c707af0ea6c7068cb66771a" ON "invitation" ("meeting_id", "member_id")
        `);
        await queryRunner.query(`
            CREATE TABLE "meeting_minutes" (
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "meeting_id" uuid NOT NULL,
                "text" text NOT NULL,
                "status" text NOT NULL DEFAULT 'draft',
                "approved_at" TIMESTAMP WITH TIME ZONE,
                "approved_by" text,
                "work_plan_id" uuid,
                CONSTRAINT "PK_8d196aa03411be2d356cf549e62" PRIMARY KEY ("meeting_id")
            )
        `);
        await queryRunner.query(`
            CREATE TABLE "meeting_decision" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "meeting_id" uuid NOT NULL,
                "number" integer NOT NULL,
                "text" text NOT NULL,
                "action_items" jsonb NOT NULL DEFAULT '[]',
                "work_plan_item_ids" uuid array NOT NULL DEFAULT '{}',
                CONSTRAINT "PK_6787600e55cc73688b127a1cd93" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "IDX_d854867a83af5ff7e654e14ffc" ON "meeting_decision" ("meeting_id", "number")
        `);
        await queryRunner.query(`
            CREATE TYPE "public"."notification_status" AS ENUM(
                'scheduled',
                'sending',
                'sent',
                'failed',
                'cancelled',
                'skipped'
            )
        `);
        await queryRunner.query(`
            CREATE TABLE "notification" (
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "key" text NOT NULL,
                "kind" text NOT NULL,
                "subject_type" text NOT NULL,
                "subject_id" uuid,
                "subject_version" integer,
                "recipient_id" uuid,
                "recipient_email" text NOT NULL,
                "due_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "status" "public"."notification_status" NOT NULL DEFAULT 'scheduled',
                "version" integer NOT NULL DEFAULT '1',
                "attempts" integer NOT NULL DEFAULT '0',
                "last_error" text,
                "message_id" text,
                "smtp_response" text,
                "claimed_at" TIMESTAMP WITH TIME ZONE,
                "first_attempt_at" TIMESTAMP WITH TIME ZONE,
                "sent_at" TIMESTAMP WITH TIME ZONE,
                "payload" jsonb NOT NULL DEFAULT '{}',
                CONSTRAINT "PK_705b6c7cdf9b2c2ff7ac7872cb7" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "IDX_f98ad0a58b7e3201a5e7a0fa1c" ON "notification" ("key")
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_9830357f52360a126737d498e6" ON "notification" ("recipient_id")
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_e595d12c2cc3269551ba9f8b57" ON "notification" ("subject_type", "subject_id")
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_fb3860cf9bafdb6e0f3220f0b8" ON "notification" ("status", "due_at")
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_418a8a45fe7d593a4116675bd9" ON "work_plan_item" ("meeting_id")
        `);
        await queryRunner.query(`
            ALTER TABLE "meeting"
            ADD CONSTRAINT "FK_92ad2e68611c2f19bbaa5556206" FOREIGN KEY ("body_id") REFERENCES "body"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "agenda_item"
            ADD CONSTRAINT "FK_4d88141b534e8aad85bb583eb3b" FOREIGN KEY ("meeting_id") REFERENCES "meeting"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "calendar_feed_token"
            ADD CONSTRAINT "FK_6a40ebd866792e68f274b49d291" FOREIGN KEY ("member_id") REFERENCES "member"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "meeting_date_option"
            ADD CONSTRAINT "FK_6c4f31d97fc302da03b1a0c2ccb" FOREIGN KEY ("meeting_id") REFERENCES "meeting"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "meeting_date_answer"
            ADD CONSTRAINT "FK_808b593b3cf1f03e720044b2f1b" FOREIGN KEY ("option_id") REFERENCES "meeting_date_option"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "meeting_date_answer"
            ADD CONSTRAINT "FK_8add3a7743ca0b346f444501bf7" FOREIGN KEY ("member_id") REFERENCES "member"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "invitation"
            ADD CONSTRAINT "FK_a02ceea611cc47d262b0d0dc709" FOREIGN KEY ("meeting_id") REFERENCES "meeting"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "invitation"
            ADD CONSTRAINT "FK_2cd02613944c1f9d45bec637b54" FOREIGN KEY ("member_id") REFERENCES "member"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "invitation"
            ADD CONSTRAINT "FK_b2bcbf96c9273cb8c22e04ef105" FOREIGN KEY ("delegate_member_id") REFERENCES "member"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "meeting_minutes"
            ADD CONSTRAINT "FK_8d196aa03411be2d356cf549e62" FOREIGN KEY ("meeting_id") REFERENCES "meeting"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "meeting_decision"
            ADD CONSTRAINT "FK_f4733268fa0a9cc03377bf1a58f" FOREIGN KEY ("meeting_id") REFERENCES "meeting"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "work_plan"
            ADD CONSTRAINT "FK_9966556417ff9f4fc8b7b76f360" FOREIGN KEY ("adopted_at_meeting_id") REFERENCES "meeting"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "work_plan_item"
            ADD CONSTRAINT "FK_418a8a45fe7d593a4116675bd92" FOREIGN KEY ("meeting_id") REFERENCES "meeting"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            ALTER TABLE "work_plan_item" DROP CONSTRAINT "FK_418a8a45fe7d593a4116675bd92"
        `);
        await queryRunner.query(`
            ALTER TABLE "work_plan" DROP CONSTRAINT "FK_9966556417ff9f4fc8b7b76f360"
        `);
        await queryRunner.query(`
            ALTER TABLE "meeting_decision" DROP CONSTRAINT "FK_f4733268fa0a9cc03377bf1a58f"
        `);
        await queryRunner.query(`
            ALTER TABLE "meeting_minutes" DROP CONSTRAINT "FK_8d196aa03411be2d356cf549e62"
        `);
        await queryRunner.query(`
            ALTER TABLE "invitation" DROP CONSTRAINT "FK_b2bcbf96c9273cb8c22e04ef105"
        `);
        await queryRunner.query(`
            ALTER TABLE "invitation" DROP CONSTRAINT "FK_2cd02613944c1f9d45bec637b54"
        `);
        await queryRunner.query(`
            ALTER TABLE "invitation" DROP CONSTRAINT "FK_a02ceea611cc47d262b0d0dc709"
        `);
        await queryRunner.query(`
            ALTER TABLE "meeting_date_answer" DROP CONSTRAINT "FK_8add3a7743ca0b346f444501bf7"
        `);
        await queryRunner.query(`
            ALTER TABLE "meeting_date_answer" DROP CONSTRAINT "FK_808b593b3cf1f03e720044b2f1b"
        `);
        await queryRunner.query(`
            ALTER TABLE "meeting_date_option" DROP CONSTRAINT "FK_6c4f31d97fc302da03b1a0c2ccb"
        `);
        await queryRunner.query(`
            ALTER TABLE "calendar_feed_token" DROP CONSTRAINT "FK_6a40ebd866792e68f274b49d291"
        `);
        await queryRunner.query(`
            ALTER TABLE "agenda_item" DROP CONSTRAINT "FK_4d88141b534e8aad85bb583eb3b"
        `);
        await queryRunner.query(`
            ALTER TABLE "meeting" DROP CONSTRAINT "FK_92ad2e68611c2f19bbaa5556206"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_418a8a45fe7d593a4116675bd9"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_fb3860cf9bafdb6e0f3220f0b8"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_e595d12c2cc3269551ba9f8b57"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_9830357f52360a126737d498e6"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_f98ad0a58b7e3201a5e7a0fa1c"
        `);
        await queryRunner.query(`
            DROP TABLE "notification"
        `);
        await queryRunner.query(`
            DROP TYPE "public"."notification_status"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_d854867a83af5ff7e654e14ffc"
        `);
        await queryRunner.query(`
            DROP TABLE "meeting_decision"
        `);
        await queryRunner.query(`
            DROP TABLE "meeting_minutes"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_f79c707af0ea6c7068cb66771a"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_2cd02613944c1f9d45bec637b5"
        `);
        await queryRunner.query(`
            DROP TABLE "invitation"
        `);
        await queryRunner.query(`
            DROP TYPE "public"."invitation_response"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_8add3a7743ca0b346f444501bf"
        `);
        await queryRunner.query(`
            DROP TABLE "meeting_date_answer"
        `);
        await queryRunner.query(`
            DROP TYPE "public"."poll_answer"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_c9d3147ce614ffcad906e4d97d"
        `);
        await queryRunner.query(`
            DROP TABLE "meeting_date_option"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_da3743af69f31ffd278f363bce"
        `);
        await queryRunner.query(`
            DROP TABLE "calendar_feed_token"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_faa514e8be99c509572ad4337c"
        `);
        await queryRunner.query(`
            DROP TABLE "agenda_item"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_f95579f568ff54e82e2ada0872"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."meeting_number_unique"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_466b6cb8fd3e75d49bbc9ee9e8"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_bd206c23484c7665792c7590fc"
        `);
        await queryRunner.query(`
            DROP TABLE "meeting"
        `);
        await queryRunner.query(`
            DROP TYPE "public"."meeting_status"
        `);
        await queryRunner.query(`
            DROP TYPE "public"."meeting_kind"
        `);
    }

}
