import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';

/** A subscriber's SRTP key in native memory: one OpenSSL AES-GCM context, re-keyed per packet only by its IV. */
export type NativeKey = { readonly __nativeSrtpKey: unique symbol };

/**
 * `libs/media/native` (C, Node-API, Node's own OpenSSL): SRTP AEAD AES-GCM (RFC 7714) sealed with a context
 * kept per key, and sent with one `sendmsg(2)` on a subscriber's ICE socket. Built by `npm run build:native`.
 */
export interface NativeSrtp {
  gcmKey(sessionKey: Buffer, sessionSalt: Buffer): NativeKey;
  /** A socket address for `send`, made once per remote candidate. */
  address(ip: string, port: number): Buffer;
  /** The SRTP packet: header ‖ ciphertext ‖ 16-byte tag. */
  encrypt(key: NativeKey, header: Buffer, payload: Buffer, rolloverCounter: number): Buffer;
  /** Seals and sends one packet; the bytes sent, or a negative errno (−EAGAIN: the socket buffer was full). */
  send(
    key: NativeKey,
    header: Buffer,
    payload: Buffer,
    rolloverCounter: number,
    fd: number,
    address: Buffer,
  ): number;
}

const BINARY = path.join('libs', 'media', 'native', 'build', 'Release', 'livelab_srtp.node');

/** Where the built addon is: above this file, from source (libs/media/src/sfu) or built (dist/apps/api/…). */
export function findNativeSrtp(from = __dirname): string | null {
  for (let dir = from; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, BINARY);
    if (existsSync(candidate)) return candidate;
    if (path.dirname(dir) === dir) return null;
  }
}

function load(): { native: NativeSrtp | null; why: string } {
  if (process.env['MEDIA_NATIVE_SRTP'] === '0') return { native: null, why: 'MEDIA_NATIVE_SRTP=0' };
  const file = findNativeSrtp();
  if (!file) return { native: null, why: `${BINARY} is not built (npm run build:native)` };
  try {
    return { native: createRequire(file)(file) as NativeSrtp, why: file };
  } catch (error) {
    return { native: null, why: `${file} did not load: ${(error as Error).message}` };
  }
}

const loaded = load();
/** The native sender, or null where it is not built or turned off (the SFU then sends from JS, slower). */
export const nativeSrtp: NativeSrtp | null = loaded.native;
/** Which it is and why, for the api's startup log. */
export const nativeSrtpStatus: string = loaded.why;
