import { MigrationInterface, QueryRunner } from 'typeorm';

/** A digest's subject type says which digest it is: 'member' becomes 'member_digest', 'digest' 'secretariat_digest'. */
export class DigestSubjectTypes1796578025058 implements MigrationInterface {
  name = 'DigestSubjectTypes1796578025058';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`UPDATE "notification" SET "subject_type" = 'member_digest' WHERE "subject_type" = 'member'`);
    await queryRunner.query(`UPDATE "notification" SET "subject_type" = 'secretariat_digest' WHERE "subject_type" = 'digest'`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`UPDATE "notification" SET "subject_type" = 'member' WHERE "subject_type" = 'member_digest'`);
    await queryRunner.query(`UPDATE "notification" SET "subject_type" = 'digest' WHERE "subject_type" = 'secretariat_digest'`);
  }
}
