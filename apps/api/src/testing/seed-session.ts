import type { DataSource } from 'typeorm';

/**
 * A scenario row, a room and a live session, straight in SQL, for suites and benchmarks that exercise the
 * event log without the rooms service. Returns the session id.
 */
export async function seedSession(dataSource: DataSource, status: 'pre' | 'live' = 'live'): Promise<string> {
  await dataSource.query(
    `INSERT INTO scenario (id, name, category, definition) VALUES ('seed', 'Seed', 'apparel', '{}') ON CONFLICT DO NOTHING`,
  );
  const [room] = await dataSource.query(
    `INSERT INTO room (name, scenario_id, join_code, staff_code, seed, settings)
     VALUES ('Room', 'seed', substr(md5(random()::text), 1, 10), substr(md5(random()::text), 1, 10), 7, '{}') RETURNING id`,
  );
  const [session] = await dataSource.query(
    `INSERT INTO live_session (room_id, seed, status) VALUES ($1, 7, $2) RETURNING id`,
    [room.id, status],
  );
  return session.id as string;
}
