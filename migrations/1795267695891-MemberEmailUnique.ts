import { MigrationInterface, QueryRunner } from 'typeorm';

/** Emails are unique whatever their case; a functional index that TypeORM cannot derive from the entity. */
export class MemberEmailUnique1795267695891 implements MigrationInterface {
  name = 'MemberEmailUnique1795267695891';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('CREATE UNIQUE INDEX "member_email_lower_unique" ON "member" (lower("email"))');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX "member_email_lower_unique"');
  }
}
