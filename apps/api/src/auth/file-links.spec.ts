import { describe, expect, it } from 'vitest';
import { FileLinks } from './file-links';
import { TokenSigner } from './tokens';

describe('FileLinks (signed links to one file)', () => {
  const secret = 'x'.repeat(40);

  it('opens the file it names until it expires, and nothing else', () => {
    let now = 1_700_000_000_000;
    const links = new FileLinks(secret, () => now);
    const pdf = links.sign('/api/sessions/s1/review.pdf', 60, 1);
    expect(pdf).toMatch(/^\/api\/sessions\/s1\/review\.pdf\?sig=\d+\.[\w-]+$/);
    expect(() => links.verify(pdf)).not.toThrow();
    const segment = links.sign('/api/sessions/s1/recording?segment=2', 60, 1);
    expect(segment).toContain('?segment=2&sig=');
    expect(() => links.verify(segment)).not.toThrow();

    // Another file, another segment, another secret, a token's signature: refused.
    const sig = pdf.slice(pdf.indexOf('sig='));
    expect(() => links.verify(`/api/sessions/s2/review.pdf?${sig}`)).toThrow(/not valid/);
    expect(() => links.verify(segment.replace('segment=2', 'segment=3'))).toThrow(/not valid/);
    expect(() => new FileLinks('y'.repeat(40), () => now).verify(pdf)).toThrow(/not valid/);
    const token = new TokenSigner(secret, () => now).sign({ sub: 'u1', name: 't', role: 'instructor' });
    expect(() => links.verify(`/api/sessions/s1/review.pdf?sig=${token}`)).toThrow(/not valid/);
    expect(() => links.verify('/api/sessions/s1/review.pdf')).toThrow(/not signed/);
    expect(() => links.verify(`${pdf}&segment=3`)).toThrow(/not valid/);
    expect(() => links.verify('/api/sessions/s1/review.pdf?sig=garbage')).toThrow(/not valid/);

    now += 61_000;
    expect(() => links.verify(pdf)).toThrow(/expired/);

    // Asked again within the hour, the same link (a polling page keeps its video loaded).
    const first = links.sign('/api/clips/c1/video');
    now += 20 * 60_000;
    expect(links.sign('/api/clips/c1/video')).toBe(first);
  });
});
