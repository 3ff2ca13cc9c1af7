import { MigrationInterface, QueryRunner } from "typeorm";

export class LettersAndPassports1796595223399 implements MigrationInterface {
    name = 'LettersAndPassports1796595223399'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            CREATE TABLE "letter_settings" (
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "body_id" uuid NOT NULL,
                "letterhead_name" jsonb NOT NULL DEFAULT '{}',
                "logo" bytea,
                "logo_type" text,
                "signatory_name" jsonb NOT NULL DEFAULT '{}',
                "signatory_title" jsonb NOT NULL DEFAULT '{}',
                "signature" bytea,
                "signature_type" text,
                "contact_name" text,
                "contact_email" text,
                "contact_phone" text,
                CONSTRAINT "PK_aab0a78550060a9f2da56ebaf67" PRIMARY KEY ("body_id")
            )
        `);
        await queryRunner.query(`
            CREATE TABLE "passport_details" (
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "invitation_id" uuid NOT NULL,
                "meeting_id" uuid NOT NULL,
                "name_in_passport" text,
                "nationality" text,
                "passport_number" text,
                "arrival_date" date,
                "departure_date" date,
                CONSTRAINT "PK_3d061372ae50f31ba26eac06616" PRIMARY KEY ("invitation_id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_2a2585f11168afb12a7fe097f0" ON "passport_details" ("meeting_id")
        `);
        await queryRunner.query(`
            ALTER TABLE "invitation"
            ADD "travel_covered" boolean NOT NULL DEFAULT false
        `);
        await queryRunner.query(`
            ALTER TABLE "invitation"
            ADD "accommodation_covered" boolean NOT NULL DEFAULT false
        `);
        await queryRunner.query(`
            ALTER TABLE "letter_settings"
            ADD CONSTRAINT "FK_aab0a78550060a9f2da56ebaf67" FOREIGN KEY ("body_id") REFERENCES "body"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "passport_details"
            ADD CONSTRAINT "FK_3d061372ae50f31ba26eac06616" FOREIGN KEY ("invitation_id") REFERENCES "invitation"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            ALTER TABLE "passport_details" DROP CONSTRAINT "FK_3d061372ae50f31ba26eac06616"
        `);
        await queryRunner.query(`
            ALTER TABLE "letter_settings" DROP CONSTRAINT "FK_aab0a78550060a9f2da56ebaf67"
        `);
        await queryRunner.query(`
            ALTER TABLE "invitation" DROP COLUMN "accommodation_covered"
        `);
        await queryRunner.query(`
            ALTER TABLE "invitation" DROP COLUMN "travel_covered"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_2a2585f11168afb12a7fe097f0"
        `);
        await queryRunner.query(`
            DROP TABLE "passport_details"
        `);
        await queryRunner.query(`
            DROP TABLE "letter_settings"
        `);
    }

}
