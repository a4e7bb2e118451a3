/**
 * An in-memory index of the registered works' SHA-256 content hashes, for
 * checkOptOuts on SQLite (README.md in this folder: what it buys, what it
 * costs, what it relies on). It holds no SQL: the opt-out repository reads
 * the rows and feeds them in (`addWork`, `addWorkOptOut`, `addAllWorksOptOut`,
 * `markOwnerWork`), and asks it which opt-out rows to read for a set of hashes
 * (`candidates`).
 *
 * What it answers is a superset, never a guess: every opt-out that can apply to
 * a hash — the per-work opt-outs of each work with exactly that hash, and the
 * allWorks opt-outs of each such work's owner — whether or not it is active
 * now. The repository reads those rows and keeps the active ones. Works and
 * opt-outs are only ever inserted (never deleted; a work's hash and owner and an
 * opt-out's work, owner and allWorks flag never change), so the index only
 * grows, and SQLite's rowids (max + 1 on insert, one writer at a time) tell
 * which rows it has not seen yet.
 *
 * Layout, per work (by its rowid r): its hash as eight 32-bit words at `hashes[8r..]`, and
 * side by side in `info` its first per-work opt-out's rowid (others in
 * `moreOptOuts`) and, when its owner has an allWorks opt-out, that owner's slot
 * in `ownerOptOuts` (else -1). An open-addressing table (linear probing, load
 * ≤ 1/2) maps the hash's first four bytes to the works' rowids, each slot
 * holding the hash's next four bytes too, so a hash nobody registered is told
 * apart without touching `hashes` (a lookup costs its cache misses: one for a
 * miss, three for a hit). Works sharing a hash (two creators registering the
 * same file) take one slot each. About 56 bytes a work: 56 MB for 1,000,000.
 */
export class ContentHashIndex {
  private hashes = new Int32Array(0);
  /** Per work rowid r: its first per-work opt-out's rowid at [2r] (0: none), its owner's slot at [2r + 1] (-1: none). */
  private info = new Int32Array(0);
  private readonly moreOptOuts = new Map<number, number[]>();
  /** Per slot: the hash's second word (bytes 4..7) at [2i] (a miss is told apart without reading `hashes`), the work's rowid at [2i + 1] (0: empty). */
  private table = new Int32Array(0);
  private mask = -1;
  private count = 0;
  /** The allWorks opt-out rowids of each owner that has one, by slot; slots by owner id. */
  private readonly ownerOptOuts: number[][] = [];
  private readonly ownerSlots = new Map<string, number>();

  /** Works (by rowid) and opt-outs (by rowid) up to these have been fed in. */
  worksUpTo = 0;
  optOutsUpTo = 0;

  /** Makes room for works up to this rowid without growing again (the builder knows the count up front). */
  reserve(maxWorkRowid: number): void {
    this.ensureRows(maxWorkRowid);
    this.ensureTable(maxWorkRowid);
  }

  /** A work with its hash (64 lowercase hex characters) and owner. */
  addWork(rowid: number, hashHex: string, ownerId: string): void {
    this.ensureRows(rowid);
    this.ensureTable(this.count + 1);
    for (let w = 0; w < 8; w += 1) this.hashes[8 * rowid + w] = word(hashHex, 8 * w);
    this.info[2 * rowid + 1] = this.ownerSlots.get(ownerId) ?? -1;
    this.place(rowid);
    this.count += 1;
  }

  /** A per-work opt-out (its rowid) of the work with this rowid. */
  addWorkOptOut(workRowid: number, optOutRowid: number): void {
    this.ensureRows(workRowid);
    if (this.info[2 * workRowid] === 0) this.info[2 * workRowid] = optOutRowid;
    else {
      const more = this.moreOptOuts.get(workRowid);
      if (more) more.push(optOutRowid);
      else this.moreOptOuts.set(workRowid, [optOutRowid]);
    }
  }

  /**
   * An allWorks opt-out (its rowid) of this owner. True when the owner had none
   * before: the caller then marks the owner's works already fed in (`markOwnerWork`);
   * works fed in later find the owner by themselves.
   */
  addAllWorksOptOut(ownerId: string, optOutRowid: number): boolean {
    const slot = this.ownerSlots.get(ownerId);
    if (slot !== undefined) {
      this.ownerOptOuts[slot].push(optOutRowid);
      return false;
    }
    this.ownerSlots.set(ownerId, this.ownerOptOuts.length);
    this.ownerOptOuts.push([optOutRowid]);
    return true;
  }

  /** The work with this rowid belongs to this owner (who has an allWorks opt-out). */
  markOwnerWork(workRowid: number, ownerId: string): void {
    const slot = this.ownerSlots.get(ownerId);
    if (slot !== undefined && 2 * workRowid < this.info.length) this.info[2 * workRowid + 1] = slot;
  }

  /**
   * The hashes (64 lowercase hex characters) with at least one candidate, in
   * the order asked, and for the i-th of them the rowids
   * `rowids[ends[i - 1] .. ends[i] - 1]` (from 0 for the first) of the opt-outs
   * that may cover it: per-work ones of every work with that hash, allWorks ones
   * of their owners, each once. Flat lists, so 10,000 hashes make three arrays.
   */
  candidates(hashesHex: readonly string[]): { hashes: string[]; ends: number[]; rowids: number[] } {
    const found = { hashes: [] as string[], ends: [] as number[], rowids: [] as number[] };
    if (this.count === 0) return found;
    const { rowids } = found;
    const key = new Int32Array(8);
    for (const hex of hashesHex) {
      const start = rowids.length;
      // The slot and the tag from the first 16 hex characters; the whole hash is decoded only when a tag agrees.
      const first = word(hex, 0);
      const tag = word(hex, 8);
      let decoded = false;
      for (let i = first & this.mask; ; i = (i + 1) & this.mask) {
        const rowid = this.table[2 * i + 1];
        if (rowid === 0) break;
        if (this.table[2 * i] !== tag) continue;
        if (!decoded) {
          key[0] = first;
          key[1] = tag;
          for (let w = 2; w < 8; w += 1) key[w] = word(hex, 8 * w);
          decoded = true;
        }
        if (!this.sameHash(rowid, key)) continue;
        const own = this.info[2 * rowid];
        if (own !== 0) {
          pushOnce(rowids, start, own);
          const more = this.moreOptOuts.size ? this.moreOptOuts.get(rowid) : undefined;
          if (more) for (const optOut of more) pushOnce(rowids, start, optOut);
        }
        const slot = this.info[2 * rowid + 1];
        if (slot >= 0) for (const optOut of this.ownerOptOuts[slot]) pushOnce(rowids, start, optOut);
      }
      if (rowids.length > start) {
        found.hashes.push(hex);
        found.ends.push(rowids.length);
      }
    }
    return found;
  }

  /** Works indexed (those with a hash) and the bytes the arrays hold. */
  get size(): { works: number; bytes: number } {
    return { works: this.count, bytes: this.hashes.byteLength + this.info.byteLength + this.table.byteLength };
  }

  private sameHash(rowid: number, key: Int32Array): boolean {
    const at = rowid * 8;
    for (let w = 0; w < 8; w += 1) if (this.hashes[at + w] !== key[w]) return false;
    return true;
  }

  private place(rowid: number): void {
    for (let i = this.hashes[8 * rowid] & this.mask; ; i = (i + 1) & this.mask) {
      if (this.table[2 * i + 1] === 0) {
        this.table[2 * i] = this.hashes[8 * rowid + 1];
        this.table[2 * i + 1] = rowid;
        return;
      }
    }
  }

  /** Arrays indexed by rowid reach `rowid` (grown by a quarter at least, so appends stay amortised). */
  private ensureRows(rowid: number): void {
    if (2 * rowid < this.info.length) return;
    const length = Math.max(rowid + 1, Math.ceil((this.info.length / 2) * 1.25), 1024);
    const hashes = new Int32Array(length * 8);
    hashes.set(this.hashes);
    const info = new Int32Array(2 * length);
    for (let r = this.info.length / 2; r < length; r += 1) info[2 * r + 1] = -1;
    info.set(this.info);
    this.hashes = hashes;
    this.info = info;
  }

  /** The table has at least twice as many slots as works (rebuilt at twice the size when not). */
  private ensureTable(works: number): void {
    const slots = this.table.length / 2;
    if (slots >= 2 * works) return;
    let size = Math.max(1024, slots);
    while (size < 2 * works) size *= 2;
    const old = this.table;
    this.table = new Int32Array(2 * size);
    this.mask = size - 1;
    for (let i = 1; i < old.length; i += 2) if (old[i] !== 0) this.place(old[i]);
  }
}

/** The 32-bit word of hex characters from..from+7, as an Int32Array holds it (no string is cut). */
function word(hex: string, from: number): number {
  let w = 0;
  for (let c = from; c < from + 8; c += 1) w = (w << 4) | nibble(hex.charCodeAt(c));
  return w;
}

function nibble(code: number): number {
  return code <= 57 ? code - 48 : code - 87; // '0'..'9', 'a'..'f'
}

/** Appends `value` unless list[from..] has it (one hash's candidates are a handful). */
function pushOnce(list: number[], from: number, value: number): void {
  for (let i = from; i < list.length; i += 1) if (list[i] === value) return;
  list.push(value);
}
