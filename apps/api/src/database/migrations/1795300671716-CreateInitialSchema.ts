import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateInitialSchema1795300671716 implements MigrationInterface {
  name = 'CreateInitialSchema1795300671716';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "scenario" ("id" character varying(64) NOT NULL, "name" character varying(128) NOT NULL, "category" character varying(32) NOT NULL, "builtin" boolean NOT NULL DEFAULT false, "definition" jsonb NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_ec7b57ee913fb77bb70ed3bc708" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE TABLE "app_user" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "username" character varying(64) NOT NULL, "display_name" character varying(64) NOT NULL, "role" character varying(16) NOT NULL, "password_hash" character varying(255), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_c480e576dd71729addbc2d51b67" UNIQUE ("username"), CONSTRAINT "PK_22a5c4a3d9b2fb8e4e73fc4ada1" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE TABLE "room" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "name" character varying(128) NOT NULL, "scenario_id" character varying(64) NOT NULL, "join_code" character varying(16) NOT NULL, "staff_code" character varying(16) NOT NULL, "seed" integer NOT NULL, "settings" jsonb NOT NULL, "created_by" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_c6d46db005d623e691b2fbcba23" PRIMARY KEY ("id"))',
    );
    await queryRunner.query('CREATE UNIQUE INDEX "IDX_b814e61dcb222ef73015714e69" ON "room"  ("join_code") ');
    await queryRunner.query(
      'CREATE UNIQUE INDEX "IDX_c5a3d480575ee4634418ecb7e5" ON "room"  ("staff_code") ',
    );
    await queryRunner.query(
      'CREATE TABLE "live_session" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "room_id" uuid NOT NULL, "status" character varying(16) NOT NULL DEFAULT \'pre\', "seed" integer NOT NULL, "live_at" TIMESTAMP WITH TIME ZONE, "ended_at" TIMESTAMP WITH TIME ZONE, "recording_offset_ms" integer, "report" jsonb, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_8c12a79cfe5dac6c435df6024e1" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_f519a23adf530221c5649d083b" ON "live_session"  ("room_id", "created_at") ',
    );
    await queryRunner.query(
      'CREATE TABLE "session_event" ("session_id" uuid NOT NULL, "seq" integer NOT NULL, "t_ms" integer NOT NULL, "type" character varying(48) NOT NULL, "actor" character varying(64) NOT NULL, "payload" jsonb NOT NULL, CONSTRAINT "PK_a334d2fbd58185dad72ace9a08f" PRIMARY KEY ("session_id", "seq"))',
    );
    await queryRunner.query(
      'CREATE TABLE "product" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "room_id" uuid NOT NULL, "sku" character varying(64) NOT NULL, "name" character varying(128) NOT NULL, "price_cents" integer NOT NULL, "list_price_cents" integer NOT NULL, "stock" integer NOT NULL, "details" jsonb NOT NULL, CONSTRAINT "PK_bebc9158e480b949565b4dc7a82" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE UNIQUE INDEX "IDX_5c12ef6c3306027dd124ddeb43" ON "product"  ("room_id", "sku") ',
    );
    await queryRunner.query(
      'ALTER TABLE "room" ADD CONSTRAINT "FK_c00c52fb62de7bf44f3575213e7" FOREIGN KEY ("scenario_id") REFERENCES "scenario"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "room" ADD CONSTRAINT "FK_b252f284940bea855849bcb9a3d" FOREIGN KEY ("created_by") REFERENCES "app_user"("id") ON DELETE SET NULL ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "live_session" ADD CONSTRAINT "FK_4eaf072594aa0e270b3d84686b6" FOREIGN KEY ("room_id") REFERENCES "room"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "session_event" ADD CONSTRAINT "FK_3d124a52dfb0fb23b274271bddc" FOREIGN KEY ("session_id") REFERENCES "live_session"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "product" ADD CONSTRAINT "FK_c8b8a4253f7a95ea08ac8dfb21a" FOREIGN KEY ("room_id") REFERENCES "room"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "product" DROP CONSTRAINT "FK_c8b8a4253f7a95ea08ac8dfb21a"');
    await queryRunner.query('ALTER TABLE "session_event" DROP CONSTRAINT "FK_3d124a52dfb0fb23b274271bddc"');
    await queryRunner.query('ALTER TABLE "live_session" DROP CONSTRAINT "FK_4eaf072594aa0e270b3d84686b6"');
    await queryRunner.query('ALTER TABLE "room" DROP CONSTRAINT "FK_b252f284940bea855849bcb9a3d"');
    await queryRunner.query('ALTER TABLE "room" DROP CONSTRAINT "FK_c00c52fb62de7bf44f3575213e7"');
    await queryRunner.query('DROP INDEX "IDX_5c12ef6c3306027dd124ddeb43"');
    await queryRunner.query('DROP TABLE "product"');
    await queryRunner.query('DROP TABLE "session_event"');
    await queryRunner.query('DROP INDEX "IDX_f519a23adf530221c5649d083b"');
    await queryRunner.query('DROP TABLE "live_session"');
    await queryRunner.query('DROP INDEX "IDX_c5a3d480575ee4634418ecb7e5"');
    await queryRunner.query('DROP INDEX "IDX_b814e61dcb222ef73015714e69"');
    await queryRunner.query('DROP TABLE "room"');
    await queryRunner.query('DROP TABLE "app_user"');
    await queryRunner.query('DROP TABLE "scenario"');
  }
}
