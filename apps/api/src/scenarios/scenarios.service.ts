import type { OnApplicationBootstrap } from '@nestjs/common';
import { Inject, Injectable, Logger, NotFoundException } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { OPENED_DATABASE } from '../common/tokens';
import type { OpenedDatabase } from '../database/open-database';
import { ScenarioEntity } from './scenario.entity';

export interface ScenarioDefinition {
  id: string;
  name: string;
  category: string;
  [key: string]: unknown;
}

/** Where built-in scenarios come from (the engine's catalogue); injected so this service stays I/O only. */
export const BUILTIN_SCENARIOS = Symbol('BUILTIN_SCENARIOS');

export interface ScenarioSummary {
  id: string;
  name: string;
  category: string;
  builtin: boolean;
  productCount: number;
}

@Injectable()
export class ScenariosService implements OnApplicationBootstrap {
  private readonly logger = new Logger(ScenariosService.name);
  private readonly dataSource: DataSource;

  constructor(
    @Inject(OPENED_DATABASE) database: OpenedDatabase,
    @Inject(BUILTIN_SCENARIOS) private readonly builtins: readonly ScenarioDefinition[],
  ) {
    this.dataSource = database.dataSource;
  }

  /** Loads (or refreshes) the built-in scenarios, so a fresh install has a demo to go live with. */
  async onApplicationBootstrap(): Promise<void> {
    for (const definition of this.builtins) {
      await this.dataSource.query(
        `INSERT INTO scenario (id, name, category, builtin, definition) VALUES ($1, $2, $3, true, $4)
         ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, category = EXCLUDED.category,
           builtin = true, definition = EXCLUDED.definition, updated_at = now()`,
        [definition.id, definition.name, definition.category, JSON.stringify(definition)],
      );
    }
    this.logger.log(`loaded ${this.builtins.length} built-in scenarios`);
  }

  async list(): Promise<ScenarioSummary[]> {
    const rows = await this.dataSource
      .getRepository(ScenarioEntity)
      .find({ order: { builtin: 'DESC', id: 'ASC' } });
    return rows.map((row) => ({
      id: row.id,
      name: row.name,
      category: row.category,
      builtin: row.builtin,
      productCount: Array.isArray(row.definition['products']) ? row.definition['products'].length : 0,
    }));
  }

  async get(id: string): Promise<ScenarioDefinition> {
    const row = await this.dataSource.getRepository(ScenarioEntity).findOneBy({ id });
    if (!row) throw new NotFoundException(`no scenario "${id}"`);
    return row.definition as ScenarioDefinition;
  }
}
