import { describe, expect, it } from 'vitest';
import { parseFfprobe } from './clips';
import {
  buildClipRenderArgs,
  buildCoverArgs,
  clipFilterGraph,
  FfmpegProgress,
  filterPath,
  wrapCaption,
} from './ffmpeg-args';

describe('clip arguments', () => {
  const base = {
    inputPath: '/data/recordings/s.webm',
    outputPath: '/data/clips/c.mp4',
    startSec: 12.5,
    durationSec: 15,
    fontFile: '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc',
    hasAudio: true,
  };

  it('seeks before the input, renders 9:16 H.264 + AAC with progress on stdout', () => {
    const args = buildClipRenderArgs({ ...base, captionFile: '/tmp/caption.txt' });
    expect(args.indexOf('-ss')).toBeLessThan(args.indexOf('-i'));
    expect(args[args.indexOf('-ss') + 1]).toBe('12.500');
    expect(args[args.indexOf('-progress') + 1]).toBe('pipe:1');
    expect(args[args.indexOf('-c:v') + 1]).toBe('libx264');
    expect(args[args.indexOf('-c:a') + 1]).toBe('aac');
    expect(args.filter((a) => a === '-map')).toHaveLength(2);
    expect(args[args.lastIndexOf('-map') + 1]).toBe('0:a:0');
    expect(args.at(-1)).toBe('/data/clips/c.mp4');
    const graph = args[args.indexOf('-filter_complex') + 1]!;
    expect(graph).toContain('crop=720:1280');
    expect(graph).toContain("textfile='/tmp/caption.txt'");
    expect(graph).not.toContain('140'); // no title drawn
  });

  it('takes the cover as one frame of the rendered clip, at the chosen second', () => {
    const args = buildCoverArgs({ clipPath: '/c/clip.mp4', outputPath: '/c/clip.jpg', atSec: 2.5 });
    expect(args.slice(args.indexOf('-ss'), args.indexOf('-ss') + 4)).toEqual([
      '-ss',
      '2.500',
      '-i',
      '/c/clip.mp4',
    ]);
    expect(args[args.indexOf('-frames:v') + 1]).toBe('1');
    expect(args.at(-1)).toBe('/c/clip.jpg');
  });

  it('gives a recording without sound a silent AAC track', () => {
    const args = buildClipRenderArgs({ ...base, hasAudio: false });
    expect(args).toContain('anullsrc=channel_layout=stereo:sample_rate=44100');
    expect(args[args.lastIndexOf('-map') + 1]).toBe('1:a:0');
  });

  it('escapes paths inside the filter graph', () => {
    expect(filterPath("C:\\fonts\\it's.ttf")).toBe("C\\:\\\\fonts\\\\it\\'s.ttf");
    expect(clipFilterGraph({ fontFile: '/a:b.ttf', titleFile: '/t.txt' })).toContain("fontfile='/a\\:b.ttf'");
  });
});

describe('caption wrapping', () => {
  it('counts a CJK character as two units and breaks anywhere in Chinese', () => {
    expect(wrapCaption('一二三四五六七八九十一二三四五', 10)).toBe('一二三四五\n六七八九十\n一二三四五');
  });

  it('breaks Latin text at spaces and keeps words whole', () => {
    expect(wrapCaption('Pure cotton tee that does not shrink', 12)).toBe('Pure cotton\ntee that\ndoes not…');
    expect(wrapCaption('Pure cotton tee', 12)).toBe('Pure cotton\ntee');
  });

  it('keeps at most three lines, the last ending in an ellipsis', () => {
    const wrapped = wrapCaption(
      '这件纯棉T恤洗了不缩水不变形，三色可选，今天直播间到手价三十九元，点左下角小黄车一号链接',
      16,
    );
    const lines = wrapped.split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[2]!.endsWith('…')).toBe(true);
  });
});

describe('ffmpeg progress', () => {
  it('follows out_time across chunks and reaches 100 % only at progress=end', () => {
    const progress = new FfmpegProgress(15);
    expect(progress.feed('frame=10\nout_time_us=3000')).toBe(0);
    expect(progress.feed('000\nprogress=continue\n')).toBeCloseTo(0.2, 5);
    expect(progress.feed('out_time_us=15000000\nprogress=continue\n')).toBe(0.99);
    expect(progress.feed('out_time_us=15000000\nprogress=end\n')).toBe(1);
  });
});

describe('ffprobe answers', () => {
  it('reads the format and the first video and audio streams', () => {
    const probe = parseFfprobe(
      JSON.stringify({
        format: { duration: '15.020000', format_name: 'mov,mp4,m4a,3gp,3g2,mj2' },
        streams: [
          { codec_type: 'video', codec_name: 'h264', width: 720, height: 1280, profile: 'High' },
          { codec_type: 'audio', codec_name: 'aac', sample_rate: '44100', channels: 2 },
        ],
      }),
    );
    expect(probe).toEqual({
      durationSec: 15.02,
      formatName: 'mov,mp4,m4a,3gp,3g2,mj2',
      video: { codec: 'h264', width: 720, height: 1280, profile: 'High' },
      audio: { codec: 'aac', sampleRate: 44100, channels: 2 },
    });
    expect(parseFfprobe('{}')).toMatchObject({ video: null, audio: null, durationSec: 0 });
    expect(() => parseFfprobe('not json')).toThrow(/no readable answer/);
  });
});
