import { MigrationInterface, QueryRunner } from "typeorm";

export class SubstituteProposals1796583999009 implements MigrationInterface {
    name = 'SubstituteProposals1796583999009'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            CREATE TYPE "public"."substitute_proposal_status" AS ENUM('pending', 'approved', 'refused')
        `);
        await queryRunner.query(`
            CREATE TABLE "substitute_proposal" (
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "meeting_id" uuid NOT NULL,
                "invitation_id" uuid NOT NULL,
                "proposer_id" uuid NOT NULL,
                "full_name" text NOT NULL,
                "email" text NOT NULL,
                "organization" text NOT NULL,
                "position" text,
                "language" "public"."language" NOT NULL,
                "status" "public"."substitute_proposal_status" NOT NULL DEFAULT 'pending',
                "decided_at" TIMESTAMP WITH TIME ZONE,
                "refusal_reason" text,
                "guest_member_id" uuid,
                CONSTRAINT "PK_916f1d16b4a8a0e97f67a22e856" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_00446e151bf45722f0e4001fe4" ON "substitute_proposal" ("meeting_id")
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "substitute_proposal_one_pending" ON "substitute_proposal" ("invitation_id")
            WHERE status = 'pending'
        `);
        await queryRunner.query(`
            ALTER TABLE "member"
            ADD "guest" boolean NOT NULL DEFAULT false
        `);
        await queryRunner.query(`
            ALTER TABLE "substitute_proposal"
            ADD CONSTRAINT "FK_00446e151bf45722f0e4001fe4c" FOREIGN KEY ("meeting_id") REFERENCES "meeting"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "substitute_proposal"
            ADD CONSTRAINT "FK_1196cec798ed4e69e7a39d81887" FOREIGN KEY ("invitation_id") REFERENCES "invitation"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "substitute_proposal"
            ADD CONSTRAINT "FK_e1e0820522ff6441722cafb6dc9" FOREIGN KEY ("proposer_id") REFERENCES "member"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "substitute_proposal"
            ADD CONSTRAINT "FK_4b3ac30ea55356c3c24309b8250" FOREIGN KEY ("guest_member_id") REFERENCES "member"("id") ON DELETE
            SET NULL ON UPDATE NO ACTION
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            ALTER TABLE "substitute_proposal" DROP CONSTRAINT "FK_4b3ac30ea55356c3c24309b8250"
        `);
        await queryRunner.query(`
            ALTER TABLE "substitute_proposal" DROP CONSTRAINT "FK_e1e0820522ff6441722cafb6dc9"
        `);
        await queryRunner.query(`
            ALTER TABLE "substitute_proposal" DROP CONSTRAINT "FK_1196cec798ed4e69e7a39d81887"
        `);
        await queryRunner.query(`
            ALTER TABLE "substitute_proposal" DROP CONSTRAINT "FK_00446e151bf45722f0e4001fe4c"
        `);
        await queryRunner.query(`
            ALTER TABLE "member" DROP COLUMN "guest"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."substitute_proposal_one_pending"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_00446e151bf45722f0e4001fe4"
        `);
        await queryRunner.query(`
            DROP TABLE "substitute_proposal"
        `);
        await queryRunner.query(`
            DROP TYPE "public"."substitute_proposal_status"
        `);
    }

}
