/** Typed arrays grown by copying into a larger one: the indexes' only way of growing, in one place. */
type Typed = Int32Array | Uint32Array | Uint16Array | Uint8Array | Float32Array | Float64Array;

export function grown<T extends Typed>(a: T, size: number, fill?: number): T {
  if (size <= a.length) return a;
  const b = new (a.constructor as new (n: number) => T)(size);
  b.set(a as never);
  if (fill !== undefined) b.fill(fill, a.length);
  return b;
}

/** At least `needed`, and at least twice the current size: amortised O(1) appends. */
export const capacityFor = (current: number, needed: number): number => Math.max(needed, current * 2, 16);
