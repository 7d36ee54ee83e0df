import { describe, expect, it } from 'vitest';
import { hashPassword, verifyPassword } from './passwords';
import { TokenSigner } from './tokens';

describe('TokenSigner', () => {
  const secret = 'x'.repeat(40);

  it('round-trips claims and refuses tampering, other secrets and expiry', () => {
    let now = 1_700_000_000_000;
    const signer = new TokenSigner(secret, () => now);
    const token = signer.sign({ sub: 'u1', name: '小王', role: 'viewer', roomId: 'r1' }, 60);
    expect(signer.verify(token)).toMatchObject({ sub: 'u1', role: 'viewer', roomId: 'r1' });

    const [body, sig] = token.split('.');
    const forged = Buffer.from(
      JSON.stringify({ ...JSON.parse(Buffer.from(body!, 'base64url').toString()), role: 'host' }),
    );
    expect(() => signer.verify(`${forged.toString('base64url')}.${sig}`)).toThrow(/signature/);
    expect(() => new TokenSigner('y'.repeat(40), () => now).verify(token)).toThrow(/signature/);
    expect(() => signer.verify('garbage')).toThrow(/malformed/);
    expect(() => signer.verify(undefined)).toThrow(/missing/);

    now += 61_000;
    expect(() => signer.verify(token)).toThrow(/expired/);
  });
});

describe('passwords', () => {
  it('verifies the right password only', async () => {
    const stored = await hashPassword('correct horse 电池');
    expect(stored).toMatch(/^scrypt\$16384\$8\$1\$/);
    expect(await verifyPassword('correct horse 电池', stored)).toBe(true);
    expect(await verifyPassword('wrong', stored)).toBe(false);
    expect(await verifyPassword('x', 'md5$abc')).toBe(false);
  });
});
