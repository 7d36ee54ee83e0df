import { randomBytes } from 'node:crypto';
import { createSocket } from 'node:dgram';
import type { Socket } from 'node:dgram';
import { RtpHeader, SrtpSession } from 'werift';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serializeRtpHeader, socketFd } from './native-send';
import { nativeSrtp, nativeSrtpStatus } from './native-srtp';

const GCM = 0x0007;

const header = (fields: Partial<ConstructorParameters<typeof RtpHeader>[0]> = {}) =>
  new RtpHeader({
    payloadType: 96,
    sequenceNumber: 4321,
    timestamp: 0xfedcba98,
    ssrc: 0xdeadbeef,
    marker: true,
    extensions: [
      { id: 1, payload: Buffer.from('0') },
      { id: 3, payload: Buffer.from([1, 2, 3]) },
    ],
    ...fields,
  });

describe('serializeRtpHeader', () => {
  it("writes the bytes werift's own serializer writes, for every shape it takes itself or hands back", () => {
    const shapes = [
      header(),
      header({ marker: false, extensions: [] }),
      header({ extensions: [{ id: 14, payload: Buffer.alloc(16, 7) }] }),
      header({ sequenceNumber: 65535, timestamp: 0 }),
      // CSRCs, padding and two-byte extensions are werift's to write.
      header({ csrc: [1, 2] }),
      header({ padding: true, paddingSize: 4 }),
      header({ extensionProfile: 0x1000, extensions: [{ id: 20, payload: Buffer.from([1]) }] }),
      header({ extension: true, extensions: [] }),
    ];
    for (const shape of shapes) {
      expect(serializeRtpHeader(shape).toString('hex')).toBe(
        shape.serialize(shape.serializeSize).toString('hex'),
      );
    }
  });
});

// The native sender is built by `npm run build:native` (npm run test:all does); without a C compiler it is not,
// and the SFU sends from JS. This suite then has nothing to check and says so.
describe.skipIf(!nativeSrtp)(`native SRTP sender (${nativeSrtpStatus})`, () => {
  const native = nativeSrtp!;
  const keys = () => {
    const [key, salt] = [randomBytes(16), randomBytes(12)];
    // werift's session on the sending side, and its peer decrypting with the same keys.
    const sender = new SrtpSession({
      keys: { localMasterKey: key, localMasterSalt: salt, remoteMasterKey: key, remoteMasterSalt: salt },
      profile: GCM,
    });
    return {
      sender,
      context: sender.localContext as unknown as {
        cipher: { srtpSessionKey: Buffer; srtpSessionSalt: Buffer };
      },
    };
  };

  it("seals exactly as werift's AES-GCM does (RFC 7714), across the rollover counter", () => {
    const { sender, context } = keys();
    const key = native.gcmKey(context.cipher.srtpSessionKey, context.cipher.srtpSessionSalt.subarray(0, 12));
    const payload = randomBytes(1100);
    for (const roc of [0, 1, 0xffff_ffff]) {
      const h = header({ extensions: [] });
      const fromJs = (
        sender.localContext as unknown as {
          cipher: { encryptRtp(h: RtpHeader, p: Buffer, r: number): Buffer };
        }
      ).cipher.encryptRtp(h, payload, roc);
      expect(native.encrypt(key, h.serialize(h.serializeSize), payload, roc).equals(fromJs)).toBe(true);
    }
  });

  describe('over UDP', () => {
    let [from, to]: Socket[] = [];
    beforeAll(async () => {
      [from, to] = [createSocket('udp4'), createSocket('udp4')];
      await Promise.all([from, to].map((s) => new Promise<void>((r) => s!.bind(0, '127.0.0.1', r))));
    });
    afterAll(() => [from, to].forEach((s) => s!.close()));

    it('sends one packet per call on the given socket, and the peer decrypts it', async () => {
      const { sender, context } = keys();
      const key = native.gcmKey(
        context.cipher.srtpSessionKey,
        context.cipher.srtpSessionSalt.subarray(0, 12),
      );
      const received = new Promise<Buffer>((resolve) => to!.once('message', resolve));
      const h = header();
      const payload = randomBytes(900);
      const fd = socketFd(from!);
      expect(fd).toBeGreaterThan(0);
      const sent = native.send(
        key,
        serializeRtpHeader(h),
        payload,
        0,
        fd!,
        native.address('127.0.0.1', to!.address().port),
      );
      const packet = await received;
      expect(sent).toBe(packet.length);
      const plain = sender.decrypt(packet);
      expect(plain.subarray(plain.length - payload.length).equals(payload)).toBe(true);
    });

    it('answers bad arguments with a TypeError that says what it takes, and a bad socket with -errno', () => {
      const { context } = keys();
      expect(() => native.gcmKey(Buffer.alloc(15), Buffer.alloc(12))).toThrow(/16 or 32 bytes/);
      expect(() => native.address('not an ip', 1)).toThrow(/not an IP address/);
      const key = native.gcmKey(
        context.cipher.srtpSessionKey,
        context.cipher.srtpSessionSalt.subarray(0, 12),
      );
      expect(() => native.encrypt(key, Buffer.alloc(4), Buffer.alloc(1), 0)).toThrow(
        /header: Buffer >= 12 bytes/,
      );
      // A closed descriptor: EBADF (9) comes back negative, nothing throws.
      expect(
        native.send(
          key,
          serializeRtpHeader(header()),
          Buffer.alloc(10),
          0,
          1_000_000,
          native.address('127.0.0.1', 9),
        ),
      ).toBe(-9);
    });
  });
});
