import { createHmac, timingSafeEqual } from 'node:crypto';
import { UnauthorizedException } from '@nestjs/common';

/**
 * How long a signed file link works: long enough to watch a recording through and seek in it (a video element
 * asks for ranges as it plays), short enough that a link in a screenshot, the browser history or a proxy log
 * is soon worthless. The pages that show links ask for fresh ones (the review every half hour).
 */
export const FILE_LINK_TTL_SEC = 4 * 3600;

/**
 * Signed links to one file each (a recording, a report PDF or CSV, a clip and its cover) for what a browser
 * loads by URL, where no Authorization header can be sent. A link names its path and query and an expiry, and
 * opens nothing else: an account token never goes into a URL (#17). The key is derived from the auth secret
 * for this purpose only, so a link's signature is never a token's.
 */
export class FileLinks {
  private readonly key: Buffer;

  constructor(
    secret: string,
    private readonly now: () => number = () => Date.now(),
  ) {
    this.key = createHmac('sha256', secret).update('livelab file links v1').digest();
  }

  /**
   * `path` (with any query) plus `sig=<expiry>.<mac>`, valid for at least `ttlSec`. The expiry is rounded up
   * to the next whole `stepSec`, so a page that asks again (a live review polls) gets the same link within
   * that time and its video element does not load afresh.
   */
  sign(path: string, ttlSec = FILE_LINK_TTL_SEC, stepSec = 3600): string {
    const exp = Math.ceil((Math.floor(this.now() / 1000) + ttlSec) / stepSec) * stepSec;
    return `${path}${path.includes('?') ? '&' : '?'}sig=${exp}.${this.mac(exp, path)}`;
  }

  /** Whether the request carries a signature at all (else it needs a token in its header). */
  static signed(originalUrl: string): boolean {
    return /[?&]sig=/.test(originalUrl);
  }

  /** Checks a request's `sig` against its own path and query; throws 401 if it is bad or expired. */
  verify(originalUrl: string): void {
    const at = originalUrl.lastIndexOf('sig=');
    const separator = originalUrl[at - 1];
    if (at < 1 || (separator !== '?' && separator !== '&'))
      throw new UnauthorizedException('this link is not signed');
    const path = originalUrl.slice(0, at - 1);
    // The signature comes last: nothing may be added after it (another `segment`, say).
    const [expText, mac] = originalUrl.slice(at + 4).split('.');
    const exp = Number(expText);
    const expected = Buffer.from(Number.isInteger(exp) ? this.mac(exp, path) : '');
    const given = Buffer.from(mac ?? '');
    if (expected.length === 0 || expected.length !== given.length || !timingSafeEqual(expected, given))
      throw new UnauthorizedException('this link is not valid (bad signature): open the page again');
    if (exp * 1000 < this.now())
      throw new UnauthorizedException('this link has expired: open the page again for a new one');
  }

  private mac(exp: number, path: string): string {
    return createHmac('sha256', this.key).update(`${exp}\n${path}`).digest('base64url');
  }
}
