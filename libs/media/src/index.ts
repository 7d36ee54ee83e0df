export type { ClipRenderArgs, RecordingSdp, RecordingSdpStream, RtpRecordingArgs } from './ffmpeg-args';
export {
  buildClipRenderArgs,
  buildCoverArgs,
  buildRecordingSdp,
  buildRtpRecordingArgs,
  CLIP_HEIGHT,
  CLIP_WIDTH,
  clipFilterGraph,
  FfmpegProgress,
  filterPath,
  parseFfmpegVersion,
  wrapCaption,
} from './ffmpeg-args';
export type { MediaProbe, RenderOptions } from './clips';
export { extractCover, MediaProbeError, parseFfprobe, probeMedia, renderClip } from './clips';
export type { FfmpegProbe } from './ffmpeg';
export { probeFfmpeg } from './ffmpeg';
export type { VideoCodec } from './sfu/rtp-helpers';
export type { MediaKind, PeerNetworkOptions, SdpDescription } from './sfu/codecs';
export type {
  PublishOptions,
  PublishingListener,
  RtpListener,
  SfuRoomOptions,
  SfuRoomStats,
} from './sfu/sfu-room';
export { createPeer, sfuPeerConfig } from './sfu/codecs';
export { SfuRoom } from './sfu/sfu-room';
export { nativeSrtp, nativeSrtpStatus } from './sfu/native-srtp';
export type { RecordableSource, RecordingResult, RtpRecorderOptions } from './sfu/rtp-recorder';
export { RtpRecorder } from './sfu/rtp-recorder';
