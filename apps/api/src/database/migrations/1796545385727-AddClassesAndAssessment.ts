import type { MigrationInterface, QueryRunner } from 'typeorm';

export class AddClassesAndAssessment1796545385727 implements MigrationInterface {
  name = 'AddClassesAndAssessment1796545385727';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "training_class" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "name" character varying(64) NOT NULL, "instructor_id" uuid NOT NULL, "scenario_id" character varying(64) NOT NULL, "join_code" character varying(16) NOT NULL, "settings" jsonb NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_ef887023f3056dca57af280ba25" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE UNIQUE INDEX "IDX_f49f4feb2284356616379484da" ON "training_class"  ("join_code") ',
    );
    await queryRunner.query(
      'CREATE TABLE "class_member" ("class_id" uuid NOT NULL, "user_id" uuid NOT NULL, "joined_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_31d72890da07b1ef608906032dc" PRIMARY KEY ("class_id", "user_id"))',
    );
    await queryRunner.query(
      'CREATE TABLE "score_override" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "session_id" uuid NOT NULL, "item" character varying(32) NOT NULL, "computed" real NOT NULL, "before" real NOT NULL, "after" real NOT NULL, "max" real NOT NULL, "comment" character varying(500) NOT NULL, "by_user_id" uuid, "by_name" character varying(64) NOT NULL, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_a26a6d85cc959fbdf538ae50ae2" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_63057f1c2a510cfdaaf8fd0c46" ON "score_override"  ("session_id", "created_at") ',
    );
    await queryRunner.query(
      'CREATE TABLE "session_assessment" ("session_id" uuid NOT NULL, "data_exercise" jsonb, "reflection" jsonb, "reflection_grade" jsonb, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_f112d433e5d8faead2d9d6ba3cf" PRIMARY KEY ("session_id"))',
    );
    await queryRunner.query(
      'CREATE TABLE "cs_practice" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "user_id" uuid NOT NULL, "scenario_id" character varying(64) NOT NULL, "kind" character varying(16) NOT NULL, "seed" integer NOT NULL, "state" jsonb NOT NULL, "result" jsonb, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_29740fc4037cb5971fe4e7bc77d" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_4d8d0585a9323948bd932df0da" ON "cs_practice"  ("user_id", "created_at") ',
    );
    await queryRunner.query('ALTER TABLE "room" ADD "class_id" uuid');
    await queryRunner.query('ALTER TABLE "room" ADD "trainee_id" uuid');
    await queryRunner.query('CREATE INDEX "IDX_1c6e02100fac7abc65ff8a1b19" ON "room"  ("class_id") ');
    await queryRunner.query('CREATE INDEX "IDX_19f94623e59aa891bb29a4e306" ON "room"  ("trainee_id") ');
    await queryRunner.query(
      'ALTER TABLE "training_class" ADD CONSTRAINT "FK_22156b8612c60dc145da6d25e2c" FOREIGN KEY ("instructor_id") REFERENCES "app_user"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "training_class" ADD CONSTRAINT "FK_2883f9b903b8d6e2fb86e86dcc5" FOREIGN KEY ("scenario_id") REFERENCES "scenario"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "class_member" ADD CONSTRAINT "FK_f3355de60b8456e6361e9fc1dd7" FOREIGN KEY ("class_id") REFERENCES "training_class"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "class_member" ADD CONSTRAINT "FK_c2bee936e648738a49fdf85e456" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "room" ADD CONSTRAINT "FK_1c6e02100fac7abc65ff8a1b196" FOREIGN KEY ("class_id") REFERENCES "training_class"("id") ON DELETE SET NULL ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "room" ADD CONSTRAINT "FK_19f94623e59aa891bb29a4e306f" FOREIGN KEY ("trainee_id") REFERENCES "app_user"("id") ON DELETE SET NULL ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "score_override" ADD CONSTRAINT "FK_1d415633a50daa145558035240e" FOREIGN KEY ("session_id") REFERENCES "live_session"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "session_assessment" ADD CONSTRAINT "FK_f112d433e5d8faead2d9d6ba3cf" FOREIGN KEY ("session_id") REFERENCES "live_session"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "cs_practice" ADD CONSTRAINT "FK_c3d7b9e19fb889d5194bbc37fcf" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "cs_practice" DROP CONSTRAINT "FK_c3d7b9e19fb889d5194bbc37fcf"');
    await queryRunner.query(
      'ALTER TABLE "session_assessment" DROP CONSTRAINT "FK_f112d433e5d8faead2d9d6ba3cf"',
    );
    await queryRunner.query('ALTER TABLE "score_override" DROP CONSTRAINT "FK_1d415633a50daa145558035240e"');
    await queryRunner.query('ALTER TABLE "room" DROP CONSTRAINT "FK_19f94623e59aa891bb29a4e306f"');
    await queryRunner.query('ALTER TABLE "room" DROP CONSTRAINT "FK_1c6e02100fac7abc65ff8a1b196"');
    await queryRunner.query('ALTER TABLE "class_member" DROP CONSTRAINT "FK_c2bee936e648738a49fdf85e456"');
    await queryRunner.query('ALTER TABLE "class_member" DROP CONSTRAINT "FK_f3355de60b8456e6361e9fc1dd7"');
    await queryRunner.query('ALTER TABLE "training_class" DROP CONSTRAINT "FK_2883f9b903b8d6e2fb86e86dcc5"');
    await queryRunner.query('ALTER TABLE "training_class" DROP CONSTRAINT "FK_22156b8612c60dc145da6d25e2c"');
    await queryRunner.query('DROP INDEX "IDX_19f94623e59aa891bb29a4e306"');
    await queryRunner.query('DROP INDEX "IDX_1c6e02100fac7abc65ff8a1b19"');
    await queryRunner.query('ALTER TABLE "room" DROP COLUMN "trainee_id"');
    await queryRunner.query('ALTER TABLE "room" DROP COLUMN "class_id"');
    await queryRunner.query('DROP INDEX "IDX_4d8d0585a9323948bd932df0da"');
    await queryRunner.query('DROP TABLE "cs_practice"');
    await queryRunner.query('DROP TABLE "session_assessment"');
    await queryRunner.query('DROP INDEX "IDX_63057f1c2a510cfdaaf8fd0c46"');
    await queryRunner.query('DROP TABLE "score_override"');
    await queryRunner.query('DROP TABLE "class_member"');
    await queryRunner.query('DROP INDEX "IDX_f49f4feb2284356616379484da"');
    await queryRunner.query('DROP TABLE "training_class"');
  }
}
