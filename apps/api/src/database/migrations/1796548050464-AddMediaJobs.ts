import type { MigrationInterface, QueryRunner } from 'typeorm';

export class AddMediaJobs1796548050464 implements MigrationInterface {
  name = 'AddMediaJobs1796548050464';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "media_job" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "kind" character varying(16) NOT NULL, "session_id" uuid, "created_by" character varying(64) NOT NULL, "status" character varying(16) NOT NULL DEFAULT \'queued\', "progress" real NOT NULL DEFAULT \'0\', "params" jsonb NOT NULL, "result" jsonb, "error" character varying(500), "attempts" integer NOT NULL DEFAULT \'0\', "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_16a0da335d4f975d493c8d68851" PRIMARY KEY ("id"))',
    );
    await queryRunner.query('CREATE INDEX "IDX_07ada2b2546c591f6abb6fe875" ON "media_job"  ("session_id") ');
    await queryRunner.query(
      'CREATE INDEX "IDX_1b18a7e771548046b9c392044d" ON "media_job"  ("status", "created_at") ',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX "IDX_1b18a7e771548046b9c392044d"');
    await queryRunner.query('DROP INDEX "IDX_07ada2b2546c591f6abb6fe875"');
    await queryRunner.query('DROP TABLE "media_job"');
  }
}
