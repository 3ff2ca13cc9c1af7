import { MigrationInterface, QueryRunner } from "typeorm";

export class OrganizationFocalPoints1796583965922 implements MigrationInterface {
    name = 'OrganizationFocalPoints1796583965922'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            CREATE TABLE "organization_focal_point" (
                "organization_id" uuid NOT NULL,
                "member_id" uuid NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_b0ea883df561dd80af9f085a588" PRIMARY KEY ("organization_id", "member_id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_450f47c9350a82e4a364673104" ON "organization_focal_point" ("member_id")
        `);
        await queryRunner.query(`
            ALTER TABLE "organization_focal_point"
            ADD CONSTRAINT "FK_d6742f79173d48a0822bae82805" FOREIGN KEY ("organization_id") REFERENCES "organization"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "organization_focal_point"
            ADD CONSTRAINT "FK_450f47c9350a82e4a3646731049" FOREIGN KEY ("member_id") REFERENCES "member"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            ALTER TABLE "organization_focal_point" DROP CONSTRAINT "FK_450f47c9350a82e4a3646731049"
        `);
        await queryRunner.query(`
            ALTER TABLE "organization_focal_point" DROP CONSTRAINT "FK_d6742f79173d48a0822bae82805"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_450f47c9350a82e4a364673104"
        `);
        await queryRunner.query(`
            DROP TABLE "organization_focal_point"
        `);
    }

}
