import { MigrationInterface, QueryRunner } from "typeorm";

export class WorkPlanLastItemPosition1795285662898 implements MigrationInterface {
    name = 'WorkPlanLastItemPosition1795285662898'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            ALTER TABLE "work_plan"
            ADD "last_item_position" integer NOT NULL DEFAULT '0'
        `);
        // Written by hand: plans that already have items start their counter at their last position.
        await queryRunner.query(`
            UPDATE "work_plan" p SET "last_item_position" = i.last FROM (
                SELECT "work_plan_id", max("position") AS last FROM "work_plan_item" GROUP BY "work_plan_id"
            ) i WHERE i."work_plan_id" = p."id"
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            ALTER TABLE "work_plan" DROP COLUMN "last_item_position"
        `);
    }

}
