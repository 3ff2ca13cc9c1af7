import { MigrationInterface, QueryRunner } from "typeorm";

export class SignInLinkNextPath1796589009431 implements MigrationInterface {
    name = 'SignInLinkNextPath1796589009431'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            ALTER TABLE "sign_in_link"
            ADD "next_path" character varying(2000)
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            ALTER TABLE "sign_in_link" DROP COLUMN "next_path"
        `);
    }

}
