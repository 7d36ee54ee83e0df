import type { MigrationInterface, QueryRunner } from 'typeorm';

export class AddFeedReactions1796550445681 implements MigrationInterface {
  name = 'AddFeedReactions1796550445681';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "media_job" ADD "reactions" jsonb NOT NULL DEFAULT \'[]\'');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "media_job" DROP COLUMN "reactions"');
  }
}
