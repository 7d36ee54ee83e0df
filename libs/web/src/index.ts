export type { LivePlayerHandlers, PlayerSocket } from './live-player';
export { startLivePlayer } from './live-player';
