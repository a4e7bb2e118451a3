import sharp from 'sharp';

/**
 * Images generated from formulas, so tests and the perceptual-hash README can
 * describe them exactly (raw 8-bit pixels, row-major, then encoded losslessly as PNG).
 */

export interface RawImage {
  width: number;
  height: number;
  channels: 1 | 3;
  pixels: Buffer;
}

export function rawImage(width: number, height: number, channels: 1 | 3, px: (x: number, y: number) => number[]): RawImage {
  const pixels = Buffer.alloc(width * height * channels);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const v = px(x, y);
      for (let c = 0; c < channels; c++) pixels[(y * width + x) * channels + c] = Math.max(0, Math.min(255, Math.round(v[c]!)));
    }
  }
  return { width, height, channels, pixels };
}

export function toPng(img: RawImage): Promise<Buffer> {
  return sharp(img.pixels, { raw: { width: img.width, height: img.height, channels: img.channels } }).png().toBuffer();
}

/** The README's test vectors: name → the raw image described there. */
export const VECTOR_IMAGES: Record<string, () => RawImage> = {
  // 64×48 RGB: R = 4x, G = 5y, B = 128
  gradient: () => rawImage(64, 48, 3, (x, y) => [4 * x, 5 * y, 128]),
  // 64×64 grey: round(128 + 127·sin(√((x−20)² + (y−28)²) / 4))
  rings: () => rawImage(64, 64, 1, (x, y) => [128 + 127 * Math.sin(Math.hypot(x - 20, y - 28) / 4)]),
  // 64×64 RGB: left half (x < 32) (230, 40, 40), right half (20, 20, 160); a white disc of radius 12 at (44, 16) (distance ≤ 12)
  blocks: () =>
    rawImage(64, 64, 3, (x, y) =>
      Math.hypot(x - 44, y - 16) <= 12 ? [255, 255, 255] : x < 32 ? [230, 40, 40] : [20, 20, 160],
    ),
  // 100×60 grey: 255 when (⌊x/10⌋ + ⌊y/10⌋) is even, else 0
  checker: () => rawImage(100, 60, 1, (x, y) => [(Math.floor(x / 10) + Math.floor(y / 10)) % 2 === 0 ? 255 : 0]),
};

/** A deterministic "photo-like" RGB scene: smooth gradients plus a few soft blobs, from a seed. */
export function sceneImage(seed: number, width = 512, height = 384): RawImage {
  let s = seed >>> 0;
  const rnd = () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const blobs = Array.from({ length: 7 }, () => ({
    cx: rnd() * width,
    cy: rnd() * height,
    r: (0.08 + rnd() * 0.25) * Math.min(width, height),
    col: [rnd() * 255, rnd() * 255, rnd() * 255],
  }));
  const base = [rnd() * 255, rnd() * 255, rnd() * 255];
  const gx = (rnd() - 0.5) * 200;
  const gy = (rnd() - 0.5) * 200;
  return rawImage(width, height, 3, (x, y) => {
    const col = base.map((b) => b + (gx * x) / width + (gy * y) / height);
    for (const bl of blobs) {
      const w = Math.exp(-((x - bl.cx) ** 2 + (y - bl.cy) ** 2) / (2 * bl.r * bl.r));
      for (let c = 0; c < 3; c++) col[c] = col[c]! * (1 - w) + bl.col[c]! * w;
    }
    return col;
  });
}

/** The same picture re-encoded as JPEG quality 50 and resized to half its width and height. */
export async function jpegHalf(png: Buffer): Promise<Buffer> {
  const meta = await sharp(png).metadata();
  return sharp(png)
    .resize(Math.round(meta.width! / 2), Math.round(meta.height! / 2))
    .jpeg({ quality: 50 })
    .toBuffer();
}
