import type { DataSource } from 'typeorm';
import { ScenarioEntity } from './scenario.entity';

/** A scenario as stored: its listing columns and the engine's definition (jsonb, parsed by the caller). */
export interface ScenarioRow {
  id: string;
  name: string;
  category: string;
  builtin: boolean;
  definition: unknown;
}

/** The only code that writes SQL against `scenario`. */
export class ScenariosRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Inserts or refreshes a built-in scenario (they ship with the code and follow it). */
  async upsertBuiltin(definition: { id: string; name: string; category: string }): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO scenario (id, name, category, builtin, definition) VALUES ($1, $2, $3, true, $4)
       ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, category = EXCLUDED.category,
         builtin = true, definition = EXCLUDED.definition, updated_at = now()`,
      [definition.id, definition.name, definition.category, JSON.stringify(definition)],
    );
  }

  /** Inserts an instructor's scenario; false when the id is taken. */
  async insert(definition: { id: string; name: string; category: string }): Promise<boolean> {
    const rows = (await this.dataSource.query(
      `INSERT INTO scenario (id, name, category, builtin, definition) VALUES ($1, $2, $3, false, $4)
       ON CONFLICT (id) DO NOTHING RETURNING id`,
      [definition.id, definition.name, definition.category, JSON.stringify(definition)],
    )) as unknown[];
    return rows.length > 0;
  }

  /** Built-ins first, then by id. */
  async list(): Promise<ScenarioRow[]> {
    const rows = await this.dataSource
      .getRepository(ScenarioEntity)
      .find({ order: { builtin: 'DESC', id: 'ASC' } });
    return rows.map(toRow);
  }

  async find(id: string): Promise<ScenarioRow | null> {
    const row = await this.dataSource.getRepository(ScenarioEntity).findOneBy({ id });
    return row ? toRow(row) : null;
  }
}

function toRow(row: ScenarioEntity): ScenarioRow {
  return {
    id: row.id,
    name: row.name,
    category: row.category,
    builtin: row.builtin,
    definition: row.definition,
  };
}
