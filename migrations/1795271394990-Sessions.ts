import { MigrationInterface, QueryRunner } from "typeorm";

export class Sessions1795271394990 implements MigrationInterface {
    name = 'Sessions1795271394990'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            CREATE TABLE "session" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "token_hash" character(64) NOT NULL,
                "member_id" uuid NOT NULL,
                "role" text NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "revoked_at" TIMESTAMP WITH TIME ZONE,
                CONSTRAINT "PK_f55da76ac1c3ac420f444d2ff11" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "IDX_a83507eb0338ac037780e02f2b" ON "session" ("token_hash")
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_d89c936c1022875dade62be24e" ON "session" ("member_id")
        `);
        await queryRunner.query(`
            CREATE TABLE "sign_in_link" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "member_id" uuid NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "used_at" TIMESTAMP WITH TIME ZONE,
                CONSTRAINT "PK_2e37c859be8a656fef206f62b27" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_60e6d69e14b0e1aaf0aaf91eb1" ON "sign_in_link" ("member_id")
        `);
        await queryRunner.query(`
            ALTER TABLE "session"
            ADD CONSTRAINT "FK_d89c936c1022875dade62be24ec" FOREIGN KEY ("member_id") REFERENCES "member"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "sign_in_link"
            ADD CONSTRAINT "FK_60e6d69e14b0e1aaf0aaf91eb15" FOREIGN KEY ("member_id") REFERENCES "member"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            ALTER TABLE "sign_in_link" DROP CONSTRAINT "FK_60e6d69e14b0e1aaf0aaf91eb15"
        `);
        await queryRunner.query(`
            ALTER TABLE "session" DROP CONSTRAINT "FK_d89c936c1022875dade62be24ec"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_60e6d69e14b0e1aaf0aaf91eb1"
        `);
        await queryRunner.query(`
            DROP TABLE "sign_in_link"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_d89c936c1022875dade62be24e"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_a83507eb0338ac037780e02f2b"
        `);
        await queryRunner.query(`
            DROP TABLE "session"
        `);
    }

}
