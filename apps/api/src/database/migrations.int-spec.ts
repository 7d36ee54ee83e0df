import { afterAll, describe, expect, inject, it } from 'vitest';
import { MIGRATIONS } from './migrations';
import type { TestDatabase } from '../testing/test-databases';
import { databaseTargets } from '../testing/test-databases';

const APP_TABLES = [
  'app_user',
  'class_member',
  'cs_practice',
  'live_session',
  'media_job',
  'product',
  'room',
  'scenario',
  'score_override',
  'session_assessment',
  'session_event',
  'training_class',
];

async function tables(db: TestDatabase): Promise<string[]> {
  const rows: Array<{ table_name: string }> = await db.dataSource.query(
    `SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_name <> 'migrations' ORDER BY table_name`,
  );
  return rows.map((row) => row.table_name);
}

describe.each(databaseTargets(inject('postgresAvailable')))('migrations on $kind', (target) => {
  const opened: TestDatabase[] = [];
  afterAll(async () => {
    for (const db of opened) await db.close();
  });

  it('applies every migration up, reverts every one down, and applies them again', async () => {
    const db = await target.open();
    opened.push(db);
    expect(db.applied).toHaveLength(MIGRATIONS.length);
    expect(await tables(db)).toEqual(APP_TABLES);
    expect(await db.dataSource.showMigrations()).toBe(false);

    for (let i = 0; i < MIGRATIONS.length; i++) await db.dataSource.undoLastMigration();
    expect(await tables(db)).toEqual([]);
    expect(await db.dataSource.showMigrations()).toBe(true);

    const again = await db.dataSource.runMigrations();
    expect(again).toHaveLength(MIGRATIONS.length);
    expect(await tables(db)).toEqual(APP_TABLES);
  });

  it('leaves nothing for the entities to change (the migrations match the code)', async () => {
    const db = opened[0] ?? (await target.open());
    const pending = await db.dataSource.driver.createSchemaBuilder().log();
    expect(pending.upQueries.map((q) => q.query)).toEqual([]);
  });
});
