import type { MigrationInterface, QueryRunner } from 'typeorm';

export class AddPublishedVideos1796549446507 implements MigrationInterface {
  name = 'AddPublishedVideos1796549446507';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "media_job" ADD "published" jsonb');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "media_job" DROP COLUMN "published"');
  }
}
