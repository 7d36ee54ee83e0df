/** Who is signed in on this browser: an instructor or trainee account, or a staff seat in one room. */
export type StudioIdentity =
  | { kind: 'instructor'; token: string; name: string }
  | { kind: 'trainee'; token: string; name: string }
  | { kind: 'staff'; token: string; name: string; roomId: string; role: 'host' | 'operator' };

const KEY = 'livelab.studio.identity';

export function loadIdentity(): StudioIdentity | null {
  try {
    const raw = localStorage.getItem(KEY);
    return raw ? (JSON.parse(raw) as StudioIdentity) : null;
  } catch {
    return null;
  }
}

export function saveIdentity(identity: StudioIdentity | null): void {
  if (identity) localStorage.setItem(KEY, JSON.stringify(identity));
  else localStorage.removeItem(KEY);
}
