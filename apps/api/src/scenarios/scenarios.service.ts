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
import type { Scenario } from '@livelab/engagement';
import { parseScenario } from '@livelab/engagement';
import { RoomError } from '@livelab/session';
import type { z } from 'zod';
import type { TokenClaims } from '../auth/tokens';
import { OPENED_DATABASE } from '../common/tokens';
import type { OpenedDatabase } from '../database/open-database';
import { scenarioScriptProblems } from '../rooms/live-script';
import type { createScenarioSchema } from './dto/create-scenario.dto';
import { ScenariosRepository } from './scenarios.repository';

/** Where built-in scenarios come from (the engine's catalogue); injected so this service stays I/O only. */
export const BUILTIN_SCENARIOS = Symbol('BUILTIN_SCENARIOS');

export interface ScenarioSummary {
  id: string;
  name: string;
  /** The name an English page shows. */
  nameEn: string;
  category: string;
  builtin: boolean;
  productCount: number;
}

@Injectable()
export class ScenariosService implements OnApplicationBootstrap {
  private readonly logger = new Logger(ScenariosService.name);
  private readonly repository: ScenariosRepository;

  constructor(
    @Inject(OPENED_DATABASE) database: OpenedDatabase,
    @Inject(BUILTIN_SCENARIOS) private readonly builtins: readonly Scenario[],
  ) {
    this.repository = new ScenariosRepository(database.dataSource);
  }

  /** Loads (or refreshes) the built-in scenarios, so a fresh install has a demo to go live with. */
  async onApplicationBootstrap(): Promise<void> {
    for (const definition of this.builtins) await this.repository.upsertBuiltin(definition);
    this.logger.log(`loaded ${this.builtins.length} built-in scenarios`);
  }

  async list(): Promise<ScenarioSummary[]> {
    const rows = await this.repository.list();
    return rows.map((row) => {
      const scenario = this.parse(row.id, row.definition);
      return {
        id: row.id,
        name: row.name,
        nameEn: scenario.nameEn,
        category: row.category,
        builtin: row.builtin,
        productCount: scenario.products.length,
      };
    });
  }

  /**
   * Saves an instructor's own scenario (products, stock, prices, targets, script) after the engine's checks;
   * any text that reaches the live script (product names, selling points, script lines) with 广告法 absolute
   * terms is refused, as the host could not say it on air and rooms made from it would be refused.
   */
  async create(claims: TokenClaims, input: z.output<typeof createScenarioSchema>): Promise<Scenario> {
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
    if (!(await this.repository.insert(scenario)))
      throw new ConflictException(`a scenario "${id}" already exists`);
    return scenario;
  }

  /** A scenario, parsed by the engine's schema as it is read. */
  async get(id: string): Promise<Scenario> {
    const row = await this.repository.find(id);
    if (!row) throw new NotFoundException(`no scenario "${id}"`);
    return this.parse(id, row.definition);
  }

  /** A stored definition the engine cannot read is a bad scenario (a room made from it cannot go live). */
  private parse(id: string, definition: unknown): Scenario {
    const parsed = parseScenario(definition);
    if (!parsed.ok) throw new RoomError('bad_scenario', `scenario ${id} cannot be read: ${parsed.error}`);
    return parsed.scenario;
  }
}
