/** A product picture stand-in: a tile coloured from the product id with the first character of its name. */
const PALETTE = [
  ['#ff9a8b', '#ff6a88'],
  ['#f6d365', '#fda085'],
  ['#84fab0', '#8fd3f4'],
  ['#a18cd1', '#fbc2eb'],
  ['#fccb90', '#d57eeb'],
  ['#5ee7df', '#b490ca'],
  ['#f093fb', '#f5576c'],
  ['#43e97b', '#38f9d7'],
];

export function ProductThumb({ id, name, size }: { id: string; name: string; size: number }) {
  let hash = 0;
  for (const ch of id) hash = (hash * 31 + ch.charCodeAt(0)) >>> 0;
  const [from, to] = PALETTE[hash % PALETTE.length]!;
  return (
    <span
      className="thumb"
      aria-hidden="true"
      style={{
        width: size,
        height: size,
        fontSize: Math.round(size * 0.42),
        background: `linear-gradient(135deg, ${from}, ${to})`,
      }}
    >
      {Array.from(name)[0] ?? '?'}
    </span>
  );
}
