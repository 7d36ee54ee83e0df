export type { LivePlayerHandlers, PlayerSocket } from './live-player';
export { startLivePlayer } from './live-player';
export type { KeyProblem, Resources, SourceReader } from './i18n-check';
export { collectSources, missingKeys } from './i18n-check';
