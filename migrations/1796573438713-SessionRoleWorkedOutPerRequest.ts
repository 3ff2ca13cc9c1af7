import { MigrationInterface, QueryRunner } from 'typeorm';

/** A session's role is worked out for each request from the member's terms; the role kept at sign-in went stale. */
export class SessionRoleWorkedOutPerRequest1796573438713 implements MigrationInterface {
  name = 'SessionRoleWorkedOutPerRequest1796573438713';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "session" DROP COLUMN "role"`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "session" ADD "role" text NOT NULL DEFAULT 'member'`);
    await queryRunner.query(`ALTER TABLE "session" ALTER COLUMN "role" DROP DEFAULT`);
  }
}
