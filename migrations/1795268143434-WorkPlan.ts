import { MigrationInterface, QueryRunner } from "typeorm";

export class WorkPlan1795268143434 implements MigrationInterface {
    name = 'WorkPlan1795268143434'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            CREATE TABLE "work_plan_item_change" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "item_id" uuid NOT NULL,
                "at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "field" text NOT NULL,
                "old_value" text,
                "new_value" text,
                "actor_name" text NOT NULL,
                "actor_id" text,
                "note" text,
                CONSTRAINT "PK_f6bed80eba912549fe971af8594" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_7f95f26d00a2bf18a3a5109c25" ON "work_plan_item_change" ("item_id", "at")
        `);
        await queryRunner.query(`
            CREATE TYPE "public"."work_plan_status" AS ENUM('draft', 'adopted', 'closed')
        `);
        await queryRunner.query(`
            CREATE TABLE "work_plan" (
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "body_id" uuid NOT NULL,
                "title" jsonb NOT NULL,
                "period" text NOT NULL,
                "status" "public"."work_plan_status" NOT NULL DEFAULT 'draft',
                "adopted_at_meeting_id" uuid,
                CONSTRAINT "PK_a874dc31923adb2c0c81f427b31" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_dc8e4d140b92bf5f0c42471d54" ON "work_plan" ("body_id")
        `);
        await queryRunner.query(`
            CREATE TYPE "public"."deadline_kind" AS ENUM(
                'date',
                'window',
                'alternatives',
                'on_request',
                'open'
            )
        `);
        await queryRunner.query(`
            CREATE TYPE "public"."work_plan_item_status" AS ENUM(
                'planned',
                'in_progress',
                'done',
                'cancelled',
                'postponed'
            )
        `);
        await queryRunner.query(`
            CREATE TABLE "work_plan_item" (
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "work_plan_id" uuid NOT NULL,
                "position" integer NOT NULL,
                "activity" jsonb NOT NULL,
                "deadline_text" text NOT NULL,
                "deadline_kind" "public"."deadline_kind" NOT NULL,
                "deadline_windows" jsonb NOT NULL DEFAULT '[]',
                "on_request" boolean NOT NULL DEFAULT false,
                "due_at" TIMESTAMP WITH TIME ZONE,
                "starts_on" date,
                "executor_organization_id" uuid,
                "executor_member_id" uuid,
                "countries" text array NOT NULL DEFAULT '{}',
                "topics" text array NOT NULL DEFAULT '{}',
                "status" "public"."work_plan_item_status" NOT NULL DEFAULT 'planned',
                "meeting_id" uuid,
                "notes" text,
                CONSTRAINT "PK_acc26652f86b0e71c8a66c3c189" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_ccbe3dd6c92919895ff128811d" ON "work_plan_item" ("executor_organization_id")
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_c4bddce39cc1f70ef34d99f6bf" ON "work_plan_item" ("executor_member_id")
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_ac63e390bc9846fa001f98132c" ON "work_plan_item" USING gin ("countries")
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_5edb6bd37e01f630166f5eae21" ON "work_plan_item" USING gin ("topics")
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_a3391306502331906d887ed7fe" ON "work_plan_item" ("status")
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_b659155f61d238066a12c58e21" ON "work_plan_item" ("due_at")
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_6923e9d3f82a2920141fc06b43" ON "work_plan_item" ("work_plan_id", "position")
        `);
        await queryRunner.query(`
            CREATE TABLE "work_plan_item_responsible" (
                "item_id" uuid NOT NULL,
                "member_id" uuid NOT NULL,
                CONSTRAINT "PK_dcd572dfd825906dff13b828890" PRIMARY KEY ("item_id", "member_id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_620c60730cc6867e77d8ea952d" ON "work_plan_item_responsible" ("item_id")
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_b1144915969bb250d785531b3a" ON "work_plan_item_responsible" ("member_id")
        `);
        await queryRunner.query(`
            ALTER TABLE "work_plan"
            ADD CONSTRAINT "FK_dc8e4d140b92bf5f0c42471d543" FOREIGN KEY ("body_id") REFERENCES "body"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "work_plan_item"
            ADD CONSTRAINT "FK_a95f73c69230c9704405f32cc00" FOREIGN KEY ("work_plan_id") REFERENCES "work_plan"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "work_plan_item"
            ADD CONSTRAINT "FK_ccbe3dd6c92919895ff128811d6" FOREIGN KEY ("executor_organization_id") REFERENCES "organization"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "work_plan_item"
            ADD CONSTRAINT "FK_c4bddce39cc1f70ef34d99f6bf0" FOREIGN KEY ("executor_member_id") REFERENCES "member"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "work_plan_item_responsible"
            ADD CONSTRAINT "FK_620c60730cc6867e77d8ea952d8" FOREIGN KEY ("item_id") REFERENCES "work_plan_item"("id") ON DELETE CASCADE ON UPDATE CASCADE
        `);
        await queryRunner.query(`
            ALTER TABLE "work_plan_item_responsible"
            ADD CONSTRAINT "FK_b1144915969bb250d785531b3ab" FOREIGN KEY ("member_id") REFERENCES "member"("id") ON DELETE CASCADE ON UPDATE CASCADE
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            ALTER TABLE "work_plan_item_responsible" DROP CONSTRAINT "FK_b1144915969bb250d785531b3ab"
        `);
        await queryRunner.query(`
            ALTER TABLE "work_plan_item_responsible" DROP CONSTRAINT "FK_620c60730cc6867e77d8ea952d8"
        `);
        await queryRunner.query(`
            ALTER TABLE "work_plan_item" DROP CONSTRAINT "FK_c4bddce39cc1f70ef34d99f6bf0"
        `);
        await queryRunner.query(`
            ALTER TABLE "work_plan_item" DROP CONSTRAINT "FK_ccbe3dd6c92919895ff128811d6"
        `);
        await queryRunner.query(`
            ALTER TABLE "work_plan_item" DROP CONSTRAINT "FK_a95f73c69230c9704405f32cc00"
        `);
        await queryRunner.query(`
            ALTER TABLE "work_plan" DROP CONSTRAINT "FK_dc8e4d140b92bf5f0c42471d543"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_b1144915969bb250d785531b3a"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_620c60730cc6867e77d8ea952d"
        `);
        await queryRunner.query(`
            DROP TABLE "work_plan_item_responsible"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_6923e9d3f82a2920141fc06b43"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_b659155f61d238066a12c58e21"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_a3391306502331906d887ed7fe"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_5edb6bd37e01f630166f5eae21"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_ac63e390bc9846fa001f98132c"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_c4bddce39cc1f70ef34d99f6bf"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_ccbe3dd6c92919895ff128811d"
        `);
        await queryRunner.query(`
            DROP TABLE "work_plan_item"
        `);
        await queryRunner.query(`
            DROP TYPE "public"."work_plan_item_status"
        `);
        await queryRunner.query(`
            DROP TYPE "public"."deadline_kind"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_dc8e4d140b92bf5f0c42471d54"
        `);
        await queryRunner.query(`
            DROP TABLE "work_plan"
        `);
        await queryRunner.query(`
            DROP TYPE "public"."work_plan_status"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_7f95f26d00a2bf18a3a5109c25"
        `);
        await queryRunner.query(`
            DROP TABLE "work_plan_item_change"
        `);
    }

}
