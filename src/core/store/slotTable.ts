/**
 * What the case's hash tables of typed arrays share (AuditIdIndex, LineIndex): MurmurHash3's
 * steps over 32-bit words, and the doubling of a slot table of two words a slot.
 */

/** Mixes one 32-bit word into a MurmurHash3 state. */
export function murmurMix(h: number, word: number): number {
  h = Math.imul(h ^ word, 0xcc9e2d51);
  return Math.imul((h << 15) | (h >>> 17), 0x1b873593);
}

/** MurmurHash3's final avalanche of a state. */
export function murmurFinish(h: number): number {
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return h ^ (h >>> 16);
}

/**
 * Doubles an open-addressing slot table of two words a slot (a key's 32-bit hash, then a value
 * where 0 marks an empty slot): each entry goes where its hash, kept in its slot, now points under
 * `mask` (the new table's slot count minus one), probing linearly.
 */
export function growSlotTable(old: Int32Array, mask: number): Int32Array<ArrayBuffer> {
  const slots = new Int32Array((mask + 1) * 2);
  for (let i = 0; i < old.length; i += 2) {
    if (old[i + 1] === 0) continue;
    let slot = old[i] & mask;
    while (slots[slot * 2 + 1] !== 0) slot = (slot + 1) & mask;
    slots[slot * 2] = old[i];
    slots[slot * 2 + 1] = old[i + 1];
  }
  return slots;
}
