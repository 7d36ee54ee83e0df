export type { RecordingSdp, RecordingSdpStream, RtpRecordingArgs } from './ffmpeg-args';
export { buildRecordingSdp, buildRtpRecordingArgs, parseFfmpegVersion } from './ffmpeg-args';
export type { FfmpegProbe } from './ffmpeg';
export { probeFfmpeg } from './ffmpeg';
export type {
  MediaKind,
  PublishingListener,
  RtpListener,
  SdpDescription,
  SfuRoomOptions,
  SfuRoomStats,
} from './sfu/sfu-room';
export { SfuRoom, sfuPeerConfig } from './sfu/sfu-room';
export type { RecordableSource, RecordingResult, RtpRecorderOptions } from './sfu/rtp-recorder';
export { RtpRecorder } from './sfu/rtp-recorder';
