import { MigrationInterface, QueryRunner } from "typeorm";

export class WorkPlanItemListIndex1795276655605 implements MigrationInterface {
    name = 'WorkPlanItemListIndex1795276655605'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            CREATE INDEX "IDX_7a54762568ff71a00836a7352f" ON "work_plan_item" ("work_plan_id", "due_at", "position")
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            DROP INDEX "public"."IDX_7a54762568ff71a00836a7352f"
        `);
    }

}
