/**
 * Which translation keys an app's components use that a language lacks: every `t('a.b')` must resolve in
 * zh-CN and in en (a plural key through its `_one`/`_other` forms), and every `t(`a.${x}`)` must find `a` as
 * a group of the same keys in both. Pure: the specs read the sources and hand over the resources.
 */
export type Resources = Record<string, unknown>;

export interface KeyProblem {
  file: string;
  key: string;
  problem: string;
}

const LITERAL = /(?<![\w.])t\(\s*(['"])([\w.-]+)\1/g;
const TEMPLATE = /(?<![\w.])t\(\s*`([\w.-]*)\$\{/g;

function lookup(resources: Resources, key: string): unknown {
  let node: unknown = resources;
  for (const part of key.split('.')) {
    if (typeof node !== 'object' || node === null) return undefined;
    node = (node as Record<string, unknown>)[part];
  }
  return node;
}

function hasString(resources: Resources, key: string): boolean {
  return ['', '_one', '_other'].some((suffix) => typeof lookup(resources, key + suffix) === 'string');
}

export function missingKeys(
  sources: ReadonlyArray<{ file: string; text: string }>,
  languages: Record<string, Resources>,
): KeyProblem[] {
  const problems: KeyProblem[] = [];
  for (const { file, text } of sources) {
    for (const [, , key] of text.matchAll(LITERAL)) {
      for (const [lng, resources] of Object.entries(languages))
        if (!hasString(resources, key!)) problems.push({ file, key: key!, problem: `no ${lng} string` });
    }
    for (const [, prefix] of text.matchAll(TEMPLATE)) {
      // `a.b.${x}`: the group `a.b` exists in every language with the same keys.
      const group = prefix!.replace(/\.$/, '');
      if (group === '' || !prefix!.endsWith('.')) continue;
      const groups = Object.entries(languages).map(
        ([lng, resources]) => [lng, lookup(resources, group)] as const,
      );
      for (const [lng, node] of groups)
        if (typeof node !== 'object' || node === null)
          problems.push({ file, key: `${group}.*`, problem: `no ${lng} group` });
      const keySets = groups.map(([, node]) =>
        typeof node === 'object' && node !== null ? Object.keys(node).sort().join(',') : '',
      );
      if (new Set(keySets).size > 1)
        problems.push({ file, key: `${group}.*`, problem: 'the languages have different keys' });
    }
  }
  return problems;
}

/** What `collectSources` needs of a file system (node's `fs` and `path` in the specs). */
export interface SourceReader {
  list(dir: string): Array<{ name: string; directory: boolean }>;
  read(file: string): string;
  join(dir: string, name: string): string;
}

/** Every component and module source under `dir` (specs left out), with its path relative to `dir`. */
export function collectSources(
  dir: string,
  fs: SourceReader,
  under = '',
): Array<{ file: string; text: string }> {
  return fs.list(fs.join(dir, under)).flatMap((entry) => {
    const relative = under ? `${under}/${entry.name}` : entry.name;
    if (entry.directory) return collectSources(dir, fs, relative);
    if (!/\.tsx?$/.test(entry.name) || /\.spec\.tsx?$/.test(entry.name)) return [];
    return [{ file: relative, text: fs.read(fs.join(dir, relative)) }];
  });
}
