import type { zhCN } from './zh-CN';

type Messages<T> = { [K in keyof T]: T[K] extends string ? string : Messages<T[K]> };

export const en: Messages<typeof zhCN> = {
  app: { title: 'LiveLab Studio', subtitle: 'Live-commerce training simulator' },
  health: {
    title: 'System status',
    ok: 'Healthy',
    degraded: 'Needs attention',
    database: 'Database',
    embedded: 'Embedded PGlite',
    postgres: 'PostgreSQL server',
    migrations: 'Migrations',
    pending: '{{count}} pending',
    upToDate: 'Up to date',
    ffmpegMissing: 'missing (no recording)',
    unreachable: 'Cannot reach the server',
  },
  scenarios: {
    title: 'Training scenarios',
    empty: 'No scenarios yet',
    products: '{{count}} products',
    builtin: 'Built-in',
    loading: 'Loading…',
  },
  category: { apparel: 'Apparel', beauty: 'Beauty', 'agri-food': 'Farm produce', automotive: 'Automotive' },
  language: { switch: '中文' },
};
