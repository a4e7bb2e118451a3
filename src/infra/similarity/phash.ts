import sharp from 'sharp';

/**
 * 64-bit DCT perceptual hash of an image ("pHash"), the hash that
 * `checkOptOutsPerceptual` compares. The algorithm is specified exactly in
 * `src/infra/similarity/README.md` (with test vectors) so a firm can compute the
 * same value in its own pipeline:
 *
 *  1. decode with sharp 0.34.5 (libvips 8.17.3); alpha is flattened onto white;
 *     no EXIF auto-rotation;
 *  2. resize to exactly 32×32 (`fit: 'fill'`, aspect ratio ignored) with the
 *     Lanczos-3 kernel (`kernel: 'lanczos3'`), 8-bit sRGB samples;
 *  3. grey level per pixel, as a float: Y = 0.299 R + 0.587 G + 0.114 B
 *     (ITU-R BT.601 weights on the 8-bit sRGB values; a one-band image uses its band);
 *  4. unnormalised 2-D DCT-II of the 32×32 grid f(y, x):
 *     F(v, u) = Σ_y Σ_x f(y, x) · cos(π (2x + 1) u / 64) · cos(π (2y + 1) v / 64);
 *  5. keep the 64 lowest frequencies u, v ∈ 0..7, DC term F(0,0) INCLUDED;
 *  6. median m of those 64 values = mean of the 32nd and 33rd smallest;
 *  7. bit = 1 when F(v, u) > m, else 0; bits in row-major order (index v·8 + u,
 *     v the vertical frequency), the first bit the most significant;
 *  8. written as 16 lowercase hexadecimal characters.
 */

export const PERCEPTUAL_HASH_PATTERN = /^[0-9a-f]{16}$/;
export const PERCEPTUAL_HASH_BITS = 64;

const SIZE = 32;
const LOW = 8;

/** COS[k][n] = cos(π (2n + 1) k / 64) for k < 8, n < 32. */
const COS: Float64Array[] = Array.from({ length: LOW }, (_, k) => {
  const row = new Float64Array(SIZE);
  for (let n = 0; n < SIZE; n++) row[n] = Math.cos((Math.PI * (2 * n + 1) * k) / (2 * SIZE));
  return row;
});

/**
 * The perceptual hash of an encoded image (PNG, JPEG, WebP, GIF, TIFF, AVIF… as
 * sharp decodes it) given as bytes or as a file path. Rejects when the input is
 * not an image sharp can decode.
 */
export async function imagePerceptualHash(input: Buffer | string): Promise<string> {
  const { data, info } = await sharp(input, { failOn: 'error' })
    .flatten({ background: { r: 255, g: 255, b: 255 } })
    .resize(SIZE, SIZE, { fit: 'fill', kernel: sharp.kernel.lanczos3 })
    .raw({ depth: 'uchar' })
    .toBuffer({ resolveWithObject: true });
  if (info.width !== SIZE || info.height !== SIZE) {
    throw new Error(`perceptual hash: resize gave ${info.width}×${info.height}, expected ${SIZE}×${SIZE}`);
  }
  const grey = new Float64Array(SIZE * SIZE);
  const ch = info.channels;
  for (let i = 0; i < SIZE * SIZE; i++) {
    const o = i * ch;
    grey[i] = ch >= 3 ? 0.299 * data[o]! + 0.587 * data[o + 1]! + 0.114 * data[o + 2]! : data[o]!;
  }
  return perceptualHashOfGrey32(grey);
}

/**
 * Steps 4–8 on a 32×32 grey grid (row-major, y then x). Exported so the
 * arithmetic can be checked apart from decoding and resizing.
 */
export function perceptualHashOfGrey32(grey: ArrayLike<number>): string {
  if (grey.length !== SIZE * SIZE) throw new Error(`perceptual hash: expected ${SIZE * SIZE} samples, got ${grey.length}`);
  // Rows first: G[y][u] = Σ_x f(y,x) cos(π(2x+1)u/64)
  const g = new Float64Array(SIZE * LOW);
  for (let y = 0; y < SIZE; y++) {
    for (let u = 0; u < LOW; u++) {
      const c = COS[u]!;
      let s = 0;
      for (let x = 0; x < SIZE; x++) s += grey[y * SIZE + x]! * c[x]!;
      g[y * LOW + u] = s;
    }
  }
  // Then columns: F[v][u] = Σ_y G[y][u] cos(π(2y+1)v/64)
  const f = new Float64Array(LOW * LOW);
  for (let v = 0; v < LOW; v++) {
    const c = COS[v]!;
    for (let u = 0; u < LOW; u++) {
      let s = 0;
      for (let y = 0; y < SIZE; y++) s += g[y * LOW + u]! * c[y]!;
      f[v * LOW + u] = s;
    }
  }
  const sorted = Array.from(f).sort((a, b) => a - b);
  const median = (sorted[31]! + sorted[32]!) / 2;
  let hi = 0;
  let lo = 0;
  for (let i = 0; i < 64; i++) {
    const bit = f[i]! > median ? 1 : 0;
    if (i < 32) hi = (hi * 2 + bit) >>> 0;
    else lo = (lo * 2 + bit) >>> 0;
  }
  return hi.toString(16).padStart(8, '0') + lo.toString(16).padStart(8, '0');
}

/** Whether `s` is a perceptual hash in canonical form (16 lowercase hex characters). */
export function isPerceptualHash(s: string): boolean {
  return PERCEPTUAL_HASH_PATTERN.test(s);
}

function popcount32(n: number): number {
  n = n - ((n >>> 1) & 0x55555555);
  n = (n & 0x33333333) + ((n >>> 2) & 0x33333333);
  return (((n + (n >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

/** Number of differing bits between two 64-bit hashes written as 16 hex characters (case-insensitive). */
export function hammingDistance(a: string, b: string): number {
  if (a.length !== 16 || b.length !== 16) throw new Error('hammingDistance: both hashes must be 16 hexadecimal characters');
  const ah = parseInt(a.slice(0, 8), 16);
  const al = parseInt(a.slice(8), 16);
  const bh = parseInt(b.slice(0, 8), 16);
  const bl = parseInt(b.slice(8), 16);
  if ([ah, al, bh, bl].some((n) => Number.isNaN(n)) || !/^[0-9a-fA-F]{16}$/.test(a) || !/^[0-9a-fA-F]{16}$/.test(b)) {
    throw new Error('hammingDistance: both hashes must be 16 hexadecimal characters');
  }
  return popcount32((ah ^ bh) >>> 0) + popcount32((al ^ bl) >>> 0);
}
