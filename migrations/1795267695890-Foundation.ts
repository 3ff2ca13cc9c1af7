import { MigrationInterface, QueryRunner } from "typeorm";

export class Foundation1795267695890 implements MigrationInterface {
    name = 'Foundation1795267695890'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            CREATE TABLE "audit_entry" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "actor_kind" text NOT NULL,
                "actor_id" text,
                "actor_name" text NOT NULL,
                "action" text NOT NULL,
                "entity" text NOT NULL,
                "entity_id" text NOT NULL,
                "before" jsonb,
                "after" jsonb,
                "request_id" text,
                CONSTRAINT "PK_58a130a4b9da189f46ba2a01801" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_9d18bd4a32fc0cd8ff82b12037" ON "audit_entry" ("at")
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_95df7588af18a0f5b97327fe19" ON "audit_entry" ("entity", "entity_id", "at")
        `);
        await queryRunner.query(`
            CREATE TYPE "public"."role" AS ENUM('secretariat', 'member')
        `);
        await queryRunner.query(`
            CREATE TABLE "api_token" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "name" text NOT NULL,
                "role" "public"."role" NOT NULL,
                "member_id" uuid,
                "token_hash" character(64) NOT NULL,
                "prefix" character varying(12) NOT NULL,
                "created_by" text NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "last_used_at" TIMESTAMP WITH TIME ZONE,
                "revoked_at" TIMESTAMP WITH TIME ZONE,
                CONSTRAINT "PK_d862311c568d175c26f41bc6f98" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "IDX_bafaa5aab5957cd193fb2da8f2" ON "api_token" ("token_hash")
        `);
        await queryRunner.query(`
            CREATE TYPE "public"."body_kind" AS ENUM(
                'working_group',
                'steering_committee',
                'task_force',
                'other'
            )
        `);
        await queryRunner.query(`
            CREATE TABLE "body" (
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "name" jsonb NOT NULL,
                "kind" "public"."body_kind" NOT NULL,
                "parent_id" uuid,
                "time_zone" text NOT NULL DEFAULT 'Asia/Almaty',
                CONSTRAINT "PK_fcdfba471eb9ce3c1add2c1e83d" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_e17490fc01884ddd89c411ab4a" ON "body" ("parent_id")
        `);
        await queryRunner.query(`
            CREATE TYPE "public"."organization_kind" AS ENUM(
                'ministry',
                'eu_institution',
                'ifi',
                'international',
                'ngo',
                'project',
                'agency',
                'other'
            )
        `);
        await queryRunner.query(`
            CREATE TABLE "organization" (
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "name" jsonb NOT NULL,
                "kind" "public"."organization_kind" NOT NULL,
                "country_code" character varying(2),
                CONSTRAINT "PK_472c1f99a32def1b0abb219cd67" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_faaefc0d2063e014ceb57564b0" ON "organization" ("country_code")
        `);
        await queryRunner.query(`
            CREATE TYPE "public"."language" AS ENUM('en', 'ru', 'kk')
        `);
        await queryRunner.query(`
            CREATE TABLE "member" (
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "full_name" text NOT NULL,
                "email" text NOT NULL,
                "country_code" character varying(2) NOT NULL,
                "organization_id" uuid,
                "position" text,
                "language" "public"."language" NOT NULL,
                "time_zone" text NOT NULL,
                "active" boolean NOT NULL DEFAULT true,
                CONSTRAINT "PK_97cbbe986ce9d14ca5894fdc072" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_19baf29d14f80c61c6deab4e23" ON "member" ("country_code")
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_bfadaaab56ae7b5f2d76885d03" ON "member" ("organization_id")
        `);
        await queryRunner.query(`
            CREATE TYPE "public"."membership_role" AS ENUM(
                'chair',
                'co_chair',
                'member',
                'alternate',
                'observer',
                'secretariat'
            )
        `);
        await queryRunner.query(`
            CREATE TABLE "membership" (
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "body_id" uuid NOT NULL,
                "member_id" uuid NOT NULL,
                "role" "public"."membership_role" NOT NULL,
                "seat" text NOT NULL,
                "start_date" date NOT NULL,
                "end_date" date,
                CONSTRAINT "membership_no_overlap" EXCLUDE USING gist (
                    "member_id" WITH =,
                    "body_id" WITH =,
                    daterange("start_date", "end_date", '[]') WITH &&
                ),
                CONSTRAINT "PK_83c1afebef3059472e7c37e8de8" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_f2a84d9c3e2bc7890c08500042" ON "membership" ("member_id")
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_f3ca5cf2093fee885e020727ee" ON "membership" ("body_id", "start_date")
        `);
        await queryRunner.query(`
            ALTER TABLE "body"
            ADD CONSTRAINT "FK_e17490fc01884ddd89c411ab4ad" FOREIGN KEY ("parent_id") REFERENCES "body"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "member"
            ADD CONSTRAINT "FK_bfadaaab56ae7b5f2d76885d03b" FOREIGN KEY ("organization_id") REFERENCES "organization"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "membership"
            ADD CONSTRAINT "FK_f899b288c84f00fced90b8f3b06" FOREIGN KEY ("body_id") REFERENCES "body"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "membership"
            ADD CONSTRAINT "FK_f2a84d9c3e2bc7890c08500042b" FOREIGN KEY ("member_id") REFERENCES "member"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            ALTER TABLE "membership" DROP CONSTRAINT "FK_f2a84d9c3e2bc7890c08500042b"
        `);
        await queryRunner.query(`
            ALTER TABLE "membership" DROP CONSTRAINT "FK_f899b288c84f00fced90b8f3b06"
        `);
        await queryRunner.query(`
            ALTER TABLE "member" DROP CONSTRAINT "FK_bfadaaab56ae7b5f2d76885d03b"
        `);
        await queryRunner.query(`
            ALTER TABLE "body" DROP CONSTRAINT "FK_e17490fc01884ddd89c411ab4ad"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_f3ca5cf2093fee885e020727ee"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_f2a84d9c3e2bc7890c08500042"
        `);
        await queryRunner.query(`
            DROP TABLE "membership"
        `);
        await queryRunner.query(`
            DROP TYPE "public"."membership_role"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_bfadaaab56ae7b5f2d76885d03"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_19baf29d14f80c61c6deab4e23"
        `);
        await queryRunner.query(`
            DROP TABLE "member"
        `);
        await queryRunner.query(`
            DROP TYPE "public"."language"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_faaefc0d2063e014ceb57564b0"
        `);
        await queryRunner.query(`
            DROP TABLE "organization"
        `);
        await queryRunner.query(`
            DROP TYPE "public"."organization_kind"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_e17490fc01884ddd89c411ab4a"
        `);
        await queryRunner.query(`
            DROP TABLE "body"
        `);
        await queryRunner.query(`
            DROP TYPE "public"."body_kind"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_bafaa5aab5957cd193fb2da8f2"
        `);
        await queryRunner.query(`
            DROP TABLE "api_token"
        `);
        await queryRunner.query(`
            DROP TYPE "public"."role"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_95df7588af18a0f5b97327fe19"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_9d18bd4a32fc0cd8ff82b12037"
        `);
        await queryRunner.query(`
            DROP TABLE "audit_entry"
        `);
    }

}
