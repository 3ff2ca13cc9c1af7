import { MigrationInterface, QueryRunner } from 'typeorm';

/** Not derivable from entities: btree_gist lets one exclusion constraint mix uuid equality and date ranges. */
export class Extensions1763700000000 implements MigrationInterface {
  name = 'Extensions1763700000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('CREATE EXTENSION IF NOT EXISTS btree_gist');
    await queryRunner.query('CREATE EXTENSION IF NOT EXISTS pgcrypto');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP EXTENSION IF EXISTS pgcrypto');
    await queryRunner.query('DROP EXTENSION IF EXISTS btree_gist');
  }
}
