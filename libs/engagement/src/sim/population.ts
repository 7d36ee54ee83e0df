/**
 * The audience's people: one row per simulated viewer in typed arrays (struct of arrays), not objects — a
 * million of them are stepped every second on one core. Rows are drawn once (a persona) when someone first
 * walks in and kept when they leave, because 10% of entries are people coming back (PV > UV).
 */
import type { TrafficSource, ValueClass, ViewerPersona } from '@livelab/contracts';
import type { Rng } from '../rng';
import type { Scenario } from '../scenario/scenario';

export const SOURCES: readonly TrafficSource[] = ['feed', 'follower', 'shortVideo', 'search', 'paid'];
/** Purchase intent by source: searchers came for something, feed viewers were scrolling (CONTEXT.md). */
const SOURCE_INTENT: readonly number[] = [0.8, 1.2, 1.1, 1.35, 0.9];
/** Leave hazard by source, in `SOURCES` order: fans and searchers stay, feed and paid drift away. */
export const SOURCE_LEAVE: readonly number[] = [1.15, 0.8, 0.9, 0.85, 1.1];
const VALUE_CLASSES: readonly ValueClass[] = ['A', 'B', 'C'];
/** Price sensitivity by value class A/B/C. */
const CLASS_PRICE_SENS: readonly number[] = [0.5, 1, 1.4];

/** Per-viewer flag bits. */
export const FLAG = {
  FAN: 1,
  TROLL: 2,
  FOLLOWED: 4,
  MUTED: 8,
  EN: 16,
  ONLINE: 32,
  SHARED: 64,
  /** 羊毛党: came for a 福袋 (from the platform's giveaway listings), not for the room. */
  WOOL: 128,
} as const;
const { FAN: F_FAN, TROLL: F_TROLL, EN: F_EN, ONLINE: F_ONLINE } = FLAG;

export class Population {
  // Per-viewer state; grows by doubling.
  private capacity = 0;
  count = 0;
  flags = new Uint8Array(0);
  source = new Uint8Array(0);
  valueClass = new Uint8Array(0);
  mood = new Int8Array(0);
  interest = new Float32Array(0);
  priceSens = new Float32Array(0);
  chat = new Float32Array(0);
  intent = new Float32Array(0);
  patience = new Uint16Array(0);
  /** Product masks (≤ 16 products): seen, clicked, bought. */
  exposed = new Uint16Array(0);
  clicked = new Uint16Array(0);
  bought = new Uint16Array(0);
  /** Claimed coupons, one bit per coupon slot (≤ 32). */
  coupons = new Uint32Array(0);
  enterSec = new Int32Array(0);
  moodUntil = new Int32Array(0);
  /** The second an order is due, or -1. */
  orderAt = new Int32Array(0);
  /** Online viewers, unordered; removal swaps the last one in. */
  online = new Int32Array(0);
  onlineCount = 0;
  /** Viewers who left and may come back. */
  private departed = new Int32Array(0);
  private departedCount = 0;

  constructor(
    private readonly audience: Scenario['audience'],
    private readonly rng: Rng,
    /** The room's one language: everyone comments in it (the old per-viewer `enShare` no longer applies). */
    private readonly language: Scenario['language'] = 'zh',
  ) {}

  /** A new person walks in from source `s` (an index into `SOURCES`): draw a persona; they are online. */
  admit(s: number): number {
    const rng = this.rng;
    const a = this.audience;
    const i = this.count++;
    const shares = a.valueClassShares;
    const totalShare = shares.A + shares.B + shares.C || 1;
    const uc = rng.next() * totalShare;
    const vc = uc < shares.A ? 0 : uc < shares.A + shares.B ? 1 : 2;
    let f = F_ONLINE;
    if (s === 1 || rng.next() < a.fanShare) f |= F_FAN;
    if (rng.next() < a.trollShare) f |= F_TROLL;
    // The draw stays (arrival streams keep their alignment); the language is the scenario's.
    rng.next();
    if (this.language === 'en') f |= F_EN;
    this.flags[i] = f;
    this.source[i] = s;
    this.valueClass[i] = vc;
    const base = a.interest * (0.3 + 0.7 * (rng.next() + rng.next()));
    this.interest[i] = Math.min(1, base * (f & F_FAN ? 1.3 : 1));
    this.priceSens[i] = a.priceSensitivity * (0.5 + rng.next()) * CLASS_PRICE_SENS[vc]!;
    this.chat[i] = a.chattiness * -Math.log(1 - rng.next() * 0.999);
    this.intent[i] = Math.min(1.5, this.interest[i]! * SOURCE_INTENT[s]!);
    this.patience[i] = Math.max(10, Math.round(a.patienceSec * (0.5 + rng.next())));
    this.mood[i] = 0;
    this.moodUntil[i] = 0;
    this.orderAt[i] = -1;
    this.exposed[i] = 0;
    this.clicked[i] = 0;
    this.bought[i] = 0;
    this.coupons[i] = 0;
    this.online[this.onlineCount++] = i;
    return i;
  }

  /** Someone who left comes back (drawn among those who left), or -1 when nobody has left yet. */
  takeReturning(t: number): number {
    if (this.departedCount === 0) return -1;
    const slot = this.rng.int(this.departedCount);
    const person = this.departed[slot]!;
    this.departed[slot] = this.departed[--this.departedCount]!;
    this.flags[person]! |= F_ONLINE;
    this.enterSec[person] = t;
    this.moodUntil[person] = 0;
    this.online[this.onlineCount++] = person;
    return person;
  }

  get hasDeparted(): boolean {
    return this.departedCount > 0;
  }

  /** Viewer `i`, at position `k` of the online list, leaves. */
  goOffline(i: number, k: number): void {
    this.flags[i]! &= ~F_ONLINE;
    this.orderAt[i] = -1;
    const last = this.online[--this.onlineCount]!;
    this.online[k] = last;
    if (this.departedCount >= this.departed.length)
      this.departed = growInt32(this.departed, this.departedCount * 2 + 16);
    this.departed[this.departedCount++] = i;
  }

  isOnline(i: number): boolean {
    return (this.flags[i]! & F_ONLINE) !== 0;
  }

  personaOf(i: number): ViewerPersona {
    const f = this.flags[i]!;
    return {
      fan: (f & F_FAN) !== 0,
      troll: (f & F_TROLL) !== 0,
      valueClass: VALUE_CLASSES[this.valueClass[i]!]!,
      lang: f & F_EN ? 'en' : 'zh',
    };
  }

  /** The row of a simulated viewer's actor (`bot:<n>`), or -1 for anyone else. */
  personOf(actor: string): number {
    if (!actor.startsWith('bot:')) return -1;
    const n = Number(actor.slice(4));
    return Number.isInteger(n) && n >= 0 && n < this.count ? n : -1;
  }

  meanOnlineIntent(): number {
    let sum = 0;
    for (let k = 0; k < this.onlineCount; k++) sum += this.intent[this.online[k]!]!;
    return this.onlineCount > 0 ? sum / this.onlineCount : 0;
  }

  grow(needed: number): void {
    if (needed <= this.capacity) return;
    const cap = Math.max(needed, this.capacity * 2, 1024);
    this.flags = grow(this.flags, new Uint8Array(cap));
    this.source = grow(this.source, new Uint8Array(cap));
    this.valueClass = grow(this.valueClass, new Uint8Array(cap));
    this.mood = grow(this.mood, new Int8Array(cap));
    this.interest = grow(this.interest, new Float32Array(cap));
    this.priceSens = grow(this.priceSens, new Float32Array(cap));
    this.chat = grow(this.chat, new Float32Array(cap));
    this.intent = grow(this.intent, new Float32Array(cap));
    this.patience = grow(this.patience, new Uint16Array(cap));
    this.exposed = grow(this.exposed, new Uint16Array(cap));
    this.clicked = grow(this.clicked, new Uint16Array(cap));
    this.bought = grow(this.bought, new Uint16Array(cap));
    this.coupons = grow(this.coupons, new Uint32Array(cap));
    this.enterSec = growInt32(this.enterSec, cap);
    this.moodUntil = growInt32(this.moodUntil, cap);
    this.orderAt = growInt32(this.orderAt, cap);
    this.online = growInt32(this.online, cap);
    this.capacity = cap;
  }

  /** Bytes held by the rows, for the benchmark. */
  bytes(): number {
    const arrays = [
      this.flags,
      this.source,
      this.valueClass,
      this.mood,
      this.interest,
      this.priceSens,
      this.chat,
      this.intent,
      this.patience,
      this.exposed,
      this.clicked,
      this.bought,
      this.coupons,
      this.enterSec,
      this.moodUntil,
      this.orderAt,
      this.online,
      this.departed,
    ];
    return arrays.reduce((sum, a) => sum + a.byteLength, 0);
  }
}

type TypedRow = Uint8Array | Int8Array | Uint16Array | Uint32Array | Int32Array | Float32Array;

function grow<T extends TypedRow>(from: TypedRow, to: T): T {
  to.set(from);
  return to;
}

function growInt32(a: Int32Array, cap: number): Int32Array<ArrayBuffer> {
  return grow(a, new Int32Array(cap));
}
