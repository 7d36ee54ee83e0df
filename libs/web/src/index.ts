export type { LivePlayerHandlers, PlayerSocket } from './live-player';
export { startLivePlayer } from './live-player';
export type { KeyProblem, Resources } from './i18n-check';
export { missingKeys } from './i18n-check';
