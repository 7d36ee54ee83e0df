import { RTCRtpSender, RtpHeader, RtpPacket } from 'werift';
import { describe, expect, it, vi } from 'vitest';
import { RTP_HISTORY_SIZE, sendForwarded, sendTimeNow, senderStateMissing } from './fast-send';

describe('sendTimeNow', () => {
  it('is RFC 3550 NTP (seconds since 1900, binary fraction) and the 6.18 abs-send-time from it', () => {
    const at = Date.UTC(2026, 11, 7, 0, 0, 0) + 250;
    const { ntp, absSendTime } = sendTimeNow(at);
    expect(Number(ntp >> 32n)).toBe(Date.UTC(2026, 11, 7) / 1000 + 2_208_988_800);
    expect(Number(ntp & 0xffffffffn)).toBe(2 ** 30);
    expect(absSendTime.readUIntBE(0, 3)).toBe(Number((ntp >> 14n) & 0xffffffn));
    // A quarter second later the 6.18 value moves by 0.25 × 2^18.
    const later = sendTimeNow(at + 250).absSendTime.readUIntBE(0, 3);
    expect((later - absSendTime.readUIntBE(0, 3) + 2 ** 24) % 2 ** 24).toBe(2 ** 16);
  });
});

describe('sendForwarded', () => {
  it('finds the state it writes on a real werift sender (an upgrade that renames a field fails here)', () => {
    expect(senderStateMissing(new RTCRtpSender('video'))).toEqual([]);
  });

  const fakeSender = (state: string) => {
    const sent: Array<{ payload: Buffer; header: RtpHeader }> = [];
    const sender = {
      ssrc: 1234,
      codec: { payloadType: 102 },
      mid: '0',
      headerExtensions: [
        { uri: 'http://www.webrtc.org/experiments/rtp-hdrext/abs-send-time', id: 3 },
        { uri: 'urn:ietf:params:rtp-hdrext:sdes:mid', id: 1 },
      ],
      dtlsTransport: {
        state,
        sendRtp: (payload: Buffer, header: RtpHeader) => {
          sent.push({ payload, header });
          return Promise.resolve(payload.length);
        },
      },
      ntpTimestamp: 0n,
      rtpTimestamp: 0,
      octetCount: 0,
      packetCount: 0,
      headerBytesSent: 0,
      rtpCache: [] as RtpPacket[],
      rtcpRunning: false,
      runRtcp: vi.fn(function (this: { rtcpRunning: boolean }) {
        this.rtcpRunning = true;
        return Promise.resolve();
      }),
    };
    return { sender, sent };
  };
  const packet = (seq: number) =>
    new RtpPacket(
      new RtpHeader({ sequenceNumber: seq, timestamp: 9000, ssrc: 99, payloadType: 96, marker: true }),
      Buffer.from('frame'),
    );

  it('sends with the sender’s SSRC, payload type and extensions, counts for reports, keeps it for NACKs', () => {
    const { sender, sent } = fakeSender('connected');
    const time = sendTimeNow(1_000_000);
    const first = packet(65_535);
    sendForwarded(sender as unknown as RTCRtpSender, first, time);
    sendForwarded(sender as unknown as RTCRtpSender, packet(0), time);
    expect(sent).toHaveLength(2);
    expect(sent[0]!.header).toMatchObject({
      ssrc: 1234,
      payloadType: 102,
      sequenceNumber: 65_535,
      extension: true,
    });
    expect(sent[0]!.header.extensions.map((e) => e.id)).toEqual([1, 3]);
    expect(sent[0]!.header.extensions[0]!.payload.toString()).toBe('0');
    expect(sent[0]!.header.extensions[1]!.payload).toEqual(time.absSendTime);
    expect(sender).toMatchObject({
      packetCount: 2,
      octetCount: 10,
      ntpTimestamp: time.ntp,
      rtpTimestamp: 9000,
    });
    expect(sender.rtpCache[65_535 % RTP_HISTORY_SIZE]).toBe(first);
    // The serialized packet reads back as what a receiver gets.
    const wire = RtpPacket.deSerialize(new RtpPacket(sent[0]!.header, sent[0]!.payload).serialize());
    expect(wire.header.ssrc).toBe(1234);
    expect(wire.payload.toString()).toBe('frame');
    // Sender reports start once.
    expect(sender.runRtcp).toHaveBeenCalledTimes(1);
  });

  it('sends nothing before the transport is connected', () => {
    const { sender, sent } = fakeSender('connecting');
    sendForwarded(sender as unknown as RTCRtpSender, packet(1), sendTimeNow());
    expect(sent).toHaveLength(0);
    expect(sender.packetCount).toBe(0);
  });
});
