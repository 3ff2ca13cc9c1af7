import { MigrationInterface, QueryRunner } from "typeorm";

export class WorkPlanItemOpenDueIndex1795301811218 implements MigrationInterface {
    name = 'WorkPlanItemOpenDueIndex1795301811218'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            CREATE INDEX "work_plan_item_open_due" ON "work_plan_item" (
                "due_at",
                "work_plan_id",
                "position",
                "on_request",
                "countries"
            )
            WHERE status NOT IN ('done', 'cancelled')
                AND due_at IS NOT NULL
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            DROP INDEX "public"."work_plan_item_open_due"
        `);
    }

}
