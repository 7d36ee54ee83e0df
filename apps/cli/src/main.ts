/**
 * `livelab`: run the audience engine without the server.
 *   livelab simulate --scenario <id|file.json> --seed <n> [--actions <file.json> | --host competent|passive]
 *                    [--minutes <m>] [--json]
 *   livelab scenarios [--json]
 *   livelab actions --scenario <id|file.json> [--host competent|passive] [--minutes <m>]
 *   livelab calibrate [--scenario <id|file.json>] [--seeds 1,2,3] [--search <evaluations>] [--json]
 * `calibrate` exits with code 1 when a band is missed or the exploit search finds a script (its table or JSON
 * is still printed).
 * Bad input exits with code 2 and one line on stderr; stdout is written only once everything worked.
 */
import { readFileSync } from 'node:fs';
import { parseHostActions } from '@livelab/contracts';
import type { HostAction, SessionReport } from '@livelab/contracts';
import {
  BUILTIN_SCENARIOS,
  DEFAULT_CALIBRATION_SEEDS,
  runCalibration,
  searchExploits,
  buildReport,
  findBuiltinScenario,
  hostActions,
  parseScenario,
  runSession,
} from '@livelab/engagement';
import type { HostStyle, Scenario } from '@livelab/engagement';
import { formatCalibration, formatReport, formatScenarioList } from './format';

class UsageError extends Error {}

type Flags = Map<string, string | true>;

/** A command's output, and its exit code when it is not 0 (a check that did not pass). */
type Output = string | { text: string; code: number };

const COMMANDS: Record<string, { flags: Record<string, 'value' | 'switch'>; run: (flags: Flags) => Output }> =
  {
    simulate: {
      flags: {
        scenario: 'value',
        seed: 'value',
        actions: 'value',
        host: 'value',
        minutes: 'value',
        json: 'switch',
      },
      run: simulate,
    },
    scenarios: { flags: { json: 'switch' }, run: listScenarios },
    actions: { flags: { scenario: 'value', host: 'value', minutes: 'value' }, run: printActions },
    calibrate: {
      flags: { scenario: 'value', seeds: 'value', search: 'value', json: 'switch' },
      run: calibrate,
    },
  };

const USAGE =
  'usage: livelab simulate --scenario <id|file.json> --seed <n> [--actions <file.json>|--host competent|passive] [--minutes <m>] [--json] | livelab scenarios [--json] | livelab actions --scenario <id> [--host competent|passive] | livelab calibrate [--scenario <id>] [--seeds 1,2,3] [--search <evaluations>] [--json]';

function main(argv: readonly string[]): number {
  try {
    const [command, ...rest] = argv;
    if (command === undefined || command === 'help' || command === '--help' || command === '-h') {
      process.stdout.write(`${USAGE}\n`);
      return command === undefined ? 2 : 0;
    }
    const spec = COMMANDS[command];
    if (!spec)
      throw new UsageError(
        `unknown command "${command}" (expected simulate, scenarios, actions or calibrate)`,
      );
    const output = spec.run(parseFlags(rest, spec.flags));
    if (typeof output === 'string') {
      process.stdout.write(output);
      return 0;
    }
    process.stdout.write(output.text);
    return output.code;
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`livelab: ${error.message}\n`);
      return 2;
    }
    throw error;
  }
}

function parseFlags(args: readonly string[], allowed: Record<string, 'value' | 'switch'>): Flags {
  const flags: Flags = new Map();
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (!arg.startsWith('--')) throw new UsageError(`unexpected argument "${arg}"`);
    const [name, inline] = arg.slice(2).split(/=(.*)/s, 2) as [string, string | undefined];
    const kind = allowed[name];
    if (!kind) throw new UsageError(`unknown flag --${name}`);
    if (flags.has(name)) throw new UsageError(`--${name} given twice`);
    if (kind === 'switch') {
      if (inline !== undefined) throw new UsageError(`--${name} takes no value`);
      flags.set(name, true);
      continue;
    }
    const value = inline ?? args[++i];
    if (value === undefined || (inline === undefined && value.startsWith('--'))) {
      throw new UsageError(`--${name} needs a value`);
    }
    flags.set(name, value);
  }
  return flags;
}

const valueOf = (flags: Flags, name: string): string | undefined => {
  const value = flags.get(name);
  return typeof value === 'string' ? value : undefined;
};

function loadScenario(flags: Flags): Scenario {
  const ref = valueOf(flags, 'scenario');
  if (ref === undefined) throw new UsageError('--scenario is required');
  const builtin = findBuiltinScenario(ref);
  if (builtin) return builtin;
  if (!ref.endsWith('.json')) {
    const known = BUILTIN_SCENARIOS.map((s) => s.id).join(', ');
    throw new UsageError(`unknown scenario "${ref}" (built-in: ${known}; or a .json file)`);
  }
  const parsed = parseScenario(readJson(ref, 'scenario file'));
  if (!parsed.ok) throw new UsageError(`${ref}: ${parsed.error}`);
  return parsed.scenario;
}

function readJson(path: string, what: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new UsageError(`${what} ${path}: cannot read file`);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    const reason = error instanceof Error ? error.message.split('\n')[0] : 'invalid JSON';
    throw new UsageError(`${what} ${path}: invalid JSON (${reason})`);
  }
}

function parseMinutes(flags: Flags, scenario: Scenario): number {
  const raw = valueOf(flags, 'minutes');
  if (raw === undefined) return scenario.durationMin;
  const minutes = Number(raw);
  if (!Number.isFinite(minutes) || minutes <= 0 || minutes > 480) {
    throw new UsageError(`--minutes must be a number in (0, 480], got "${raw}"`);
  }
  return minutes;
}

function parseHost(flags: Flags): HostStyle | undefined {
  const raw = valueOf(flags, 'host');
  if (raw === undefined) return undefined;
  if (raw !== 'competent' && raw !== 'passive')
    throw new UsageError(`--host must be competent or passive, got "${raw}"`);
  return raw;
}

function simulate(flags: Flags): string {
  const scenario = loadScenario(flags);
  const rawSeed = valueOf(flags, 'seed') ?? '1';
  const seed = Number(rawSeed);
  if (!/^\d+$/.test(rawSeed) || !Number.isSafeInteger(seed) || seed > 0xffffffff) {
    throw new UsageError(`--seed must be an integer in [0, 4294967295], got "${rawSeed}"`);
  }
  const minutes = parseMinutes(flags, scenario);
  const host = parseHost(flags);
  const actionsPath = valueOf(flags, 'actions');
  if (host !== undefined && actionsPath !== undefined)
    throw new UsageError('give --actions or --host, not both');
  let actions: HostAction[] = [];
  if (actionsPath !== undefined) {
    const parsed = parseHostActions(readJson(actionsPath, 'actions file'), {
      productIds: new Set(scenario.products.map((p) => p.id)),
    });
    if (!parsed.ok) throw new UsageError(`${actionsPath}: ${parsed.error}`);
    actions = parsed.actions;
  } else if (host !== undefined) {
    actions = hostActions(scenario, host, minutes);
  }
  const events = runSession({ scenario, seed, actions, minutes });
  const report: SessionReport = buildReport(scenario, events);
  return flags.has('json') ? `${JSON.stringify(report)}\n` : formatReport(report);
}

function listScenarios(flags: Flags): string {
  const list = BUILTIN_SCENARIOS.map((s) => ({ id: s.id, name: s.name, category: s.category }));
  return flags.has('json') ? `${JSON.stringify(list)}\n` : formatScenarioList(BUILTIN_SCENARIOS);
}

function printActions(flags: Flags): string {
  const scenario = loadScenario(flags);
  const minutes = parseMinutes(flags, scenario);
  const actions = hostActions(scenario, parseHost(flags) ?? 'competent', minutes);
  return `${JSON.stringify(actions, null, 2)}\n`;
}

function calibrate(flags: Flags): Output {
  const scenarios = flags.has('scenario') ? [loadScenario(flags)] : BUILTIN_SCENARIOS;
  const rawSeeds = valueOf(flags, 'seeds');
  const seeds = rawSeeds === undefined ? [...DEFAULT_CALIBRATION_SEEDS] : rawSeeds.split(',').map(Number);
  if (
    seeds.length === 0 ||
    seeds.some((seed) => !Number.isSafeInteger(seed) || seed < 0 || seed > 0xffffffff)
  )
    throw new UsageError(`--seeds must be integers separated by commas, got "${rawSeeds}"`);
  const rawSearch = valueOf(flags, 'search') ?? '0';
  const evaluations = Number(rawSearch);
  if (!Number.isSafeInteger(evaluations) || evaluations < 0 || evaluations > 100000)
    throw new UsageError(`--search must be a number of evaluations in [0, 100000], got "${rawSearch}"`);
  const result = runCalibration({ scenarios, seeds });
  const searches =
    evaluations > 0
      ? scenarios.map((scenario) => searchExploits({ scenario, seed: seeds[0]!, evaluations }))
      : [];
  const ok = result.ok && searches.every((s) => s.findings.length === 0);
  const text = flags.has('json')
    ? `${JSON.stringify({ ...result, ok, searches })}\n`
    : formatCalibration(result, searches);
  return { text, code: ok ? 0 : 1 };
}

process.exitCode = main(process.argv.slice(2));
