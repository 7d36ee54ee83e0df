import type { OnApplicationBootstrap } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import {
  BadRequestException,
  ConflictException,
  ForbiddenException,
  Inject,
  Injectable,
  Logger,
  NotFoundException,
} from '@nestjs/common';
import { parseScenario } from '@livelab/engagement';
import type { z } from 'zod';
import type { TokenClaims } from '../auth/tokens';
import type { DataSource } from 'typeorm';
import { OPENED_DATABASE } from '../common/tokens';
import type { OpenedDatabase } from '../database/open-database';
import { scenarioScriptProblems } from '../rooms/live-script';
import type { createScenarioSchema } from './dto/create-scenario.dto';
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

  /**
   * Saves an instructor's own scenario (products, stock, prices, targets, script) after the engine's checks;
   * any text that reaches the live script (product names, selling points, script lines) with 广告法 absolute
   * terms is refused, as the host could not say it on air and rooms made from it would be refused.
   */
  async create(
    claims: TokenClaims,
    input: z.output<typeof createScenarioSchema>,
  ): Promise<ScenarioDefinition> {
    if (claims.role !== 'instructor') throw new ForbiddenException('only an instructor can do this');
    const id = input.id ?? `custom-${randomBytes(4).toString('hex')}`;
    const parsed = parseScenario({
      ...input,
      id,
      nameEn: input.nameEn ?? input.name,
      products: input.products.map((p) => ({ ...p, nameEn: p.nameEn ?? p.name })),
    });
    if (!parsed.ok)
      throw new BadRequestException({
        message: 'invalid scenario',
        errors: [{ path: '(body)', message: parsed.error }],
      });
    const scenario = parsed.scenario;
    const errors = scenarioScriptProblems(scenario);
    if (errors.length > 0) throw new BadRequestException({ message: 'invalid scenario', errors });
    const repository = this.dataSource.getRepository(ScenarioEntity);
    if (await repository.existsBy({ id })) throw new ConflictException(`a scenario "${id}" already exists`);
    await this.dataSource.query(
      'INSERT INTO scenario (id, name, category, builtin, definition) VALUES ($1, $2, $3, false, $4)',
      [id, scenario.name, scenario.category, JSON.stringify(scenario)],
    );
    return scenario as unknown as ScenarioDefinition;
  }

  async get(id: string): Promise<ScenarioDefinition> {
    const row = await this.dataSource.getRepository(ScenarioEntity).findOneBy({ id });
    if (!row) throw new NotFoundException(`no scenario "${id}"`);
    return row.definition as ScenarioDefinition;
  }
}
