import { MigrationInterface, QueryRunner } from "typeorm";

export class WorkPlanItemOpenDueIndexForWindows1795296671846 implements MigrationInterface {
    name = 'WorkPlanItemOpenDueIndexForWindows1795296671846'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            DROP INDEX "public"."work_plan_item_open_due"
        `);
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
        await queryRunner.query(`
            CREATE INDEX "work_plan_item_open_due" ON "work_plan_item" USING btree (
                "due_at",
                "work_plan_id",
                "position",
                "countries"
            )
            WHERE (
                    (
                        status <> ALL (
                            ARRAY ['done'::work_plan_item_status, 'cancelled'::work_plan_item_status]
                        )
                    )
                    AND (NOT on_request)
                    AND (due_at IS NOT NULL)
                )
        `);
    }

}
