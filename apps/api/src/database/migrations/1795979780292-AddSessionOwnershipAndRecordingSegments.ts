import type { MigrationInterface, QueryRunner } from 'typeorm';

export class AddSessionOwnershipAndRecordingSegments1795979780292 implements MigrationInterface {
  name = 'AddSessionOwnershipAndRecordingSegments1795979780292';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'ALTER TABLE "live_session" ADD "recording_segments" jsonb NOT NULL DEFAULT \'[]\'',
    );
    // A session's one recording so far becomes its first segment.
    await queryRunner.query(
      'UPDATE "live_session" SET "recording_segments" = jsonb_build_array(jsonb_build_object(\'segment\', 0, \'offsetMs\', "recording_offset_ms")) WHERE "recording_offset_ms" IS NOT NULL',
    );
    await queryRunner.query('ALTER TABLE "live_session" DROP COLUMN "recording_offset_ms"');
    await queryRunner.query('ALTER TABLE "live_session" ADD "owner_node" character varying(64)');
    await queryRunner.query('ALTER TABLE "live_session" ADD "owner_token" integer NOT NULL DEFAULT \'0\'');
    await queryRunner.query('ALTER TABLE "live_session" ADD "lease_until" TIMESTAMP WITH TIME ZONE');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "live_session" DROP COLUMN "lease_until"');
    await queryRunner.query('ALTER TABLE "live_session" DROP COLUMN "owner_token"');
    await queryRunner.query('ALTER TABLE "live_session" DROP COLUMN "owner_node"');
    await queryRunner.query('ALTER TABLE "live_session" ADD "recording_offset_ms" integer');
    await queryRunner.query(
      'UPDATE "live_session" SET "recording_offset_ms" = ("recording_segments"->0->>\'offsetMs\')::integer WHERE jsonb_array_length("recording_segments") > 0',
    );
    await queryRunner.query('ALTER TABLE "live_session" DROP COLUMN "recording_segments"');
  }
}
