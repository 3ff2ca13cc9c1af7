import { MigrationInterface, QueryRunner } from "typeorm";

export class SentEmail1796585107595 implements MigrationInterface {
    name = 'SentEmail1796585107595'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            CREATE TABLE "sent_email" (
                "notification_id" uuid NOT NULL,
                "subject" text NOT NULL,
                "html" text NOT NULL,
                "text" text NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_0837103787ac8f67144c46bef55" PRIMARY KEY ("notification_id")
            )
        `);
        await queryRunner.query(`
            ALTER TABLE "sent_email"
            ADD CONSTRAINT "FK_0837103787ac8f67144c46bef55" FOREIGN KEY ("notification_id") REFERENCES "notification"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            ALTER TABLE "sent_email" DROP CONSTRAINT "FK_0837103787ac8f67144c46bef55"
        `);
        await queryRunner.query(`
            DROP TABLE "sent_email"
        `);
    }

}
