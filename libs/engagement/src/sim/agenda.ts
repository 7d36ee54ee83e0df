/**
 * Things scheduled for a later simulated second (payments, replies, expiries…), popped in
 * (second, insertion order) so ties resolve the same way on every run.
 */
export class Agenda<T> {
  private readonly at: number[] = [];
  private readonly seq: number[] = [];
  private readonly items: T[] = [];
  private counter = 0;

  get size(): number {
    return this.items.length;
  }

  push(atSec: number, item: T): void {
    this.at.push(atSec);
    this.seq.push(this.counter++);
    this.items.push(item);
    this.siftUp(this.items.length - 1);
  }

  /** The earliest item due at or before `nowSec`, or undefined. */
  popDue(nowSec: number): T | undefined {
    if (this.items.length === 0 || this.at[0]! > nowSec) return undefined;
    const top = this.items[0]!;
    const last = this.items.length - 1;
    this.swap(0, last);
    this.at.pop();
    this.seq.pop();
    this.items.pop();
    if (this.items.length > 0) this.siftDown(0);
    return top;
  }

  private less(a: number, b: number): boolean {
    return this.at[a]! < this.at[b]! || (this.at[a] === this.at[b] && this.seq[a]! < this.seq[b]!);
  }

  private swap(a: number, b: number): void {
    [this.at[a], this.at[b]] = [this.at[b]!, this.at[a]!];
    [this.seq[a], this.seq[b]] = [this.seq[b]!, this.seq[a]!];
    [this.items[a], this.items[b]] = [this.items[b]!, this.items[a]!];
  }

  private siftUp(i: number): void {
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.less(i, parent)) return;
      this.swap(i, parent);
      i = parent;
    }
  }

  private siftDown(i: number): void {
    const n = this.items.length;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < n && this.less(l, m)) m = l;
      if (r < n && this.less(r, m)) m = r;
      if (m === i) return;
      this.swap(i, m);
      i = m;
    }
  }
}
