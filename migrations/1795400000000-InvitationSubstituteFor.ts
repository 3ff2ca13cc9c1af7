import { MigrationInterface, QueryRunner } from "typeorm";

export class InvitationSubstituteFor1795400000000 implements MigrationInterface {
    name = 'InvitationSubstituteFor1795400000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            ALTER TABLE "invitation"
            ADD "substitute_for_member_id" uuid
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            ALTER TABLE "invitation" DROP COLUMN "substitute_for_member_id"
        `);
    }

}
