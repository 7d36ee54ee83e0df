import { RtpHeader, RtpPacket } from 'werift';
import { describe, expect, it } from 'vitest';
import { copyForSender } from './rtp-copy';

describe('copyForSender', () => {
  const original = new RtpPacket(
    new RtpHeader({
      payloadType: 96,
      sequenceNumber: 65_000,
      timestamp: 123_456,
      ssrc: 0xdeadbeef,
      marker: true,
      padding: false,
      extension: true,
      extensions: [{ id: 3, payload: Buffer.from([1, 2, 3]) }],
    }),
    Buffer.from('payload bytes'),
  );

  it('has the fields of werift’s own clone, without the publisher’s extensions', () => {
    const copy = copyForSender(original);
    const clone = original.clone();
    expect(Object.keys(copy.header).sort()).toEqual(Object.keys(clone.header).sort());
    expect({ ...copy.header }).toEqual({ ...clone.header, extension: false, extensions: [] });
    expect(copy.header).toBeInstanceOf(RtpHeader);
    expect(copy).toBeInstanceOf(RtpPacket);
    expect(copy.payload).toBe(original.payload);
  });

  it('is a packet of its own: a sender rewriting it leaves the original and serializes like a clone', () => {
    const copy = copyForSender(original);
    copy.header.sequenceNumber = 7;
    copy.header.ssrc = 42;
    expect(original.header.sequenceNumber).toBe(65_000);
    expect(original.header.ssrc).toBe(0xdeadbeef);
    const clone = original.clone();
    clone.header.sequenceNumber = 7;
    clone.header.ssrc = 42;
    clone.header.extension = false;
    clone.header.extensions = [];
    expect(copy.serialize().equals(clone.serialize())).toBe(true);
    expect(RtpPacket.deSerialize(copy.serialize()).payload.toString()).toBe('payload bytes');
  });
});
