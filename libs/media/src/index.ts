export type { RtpRecordingArgs } from './ffmpeg-args';
export { buildRtpRecordingArgs, parseFfmpegVersion } from './ffmpeg-args';
export type { FfmpegProbe } from './ffmpeg';
export { probeFfmpeg } from './ffmpeg';
