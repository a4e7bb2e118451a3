import sharp from 'sharp';

/**
 * The labelled corpus of the similarity-triage bench, generated at bench time from a seed (nothing downloaded):
 *
 * Images: each base is drawn with sharp from an SVG of random shapes (rectangles, circles, ellipses, polygons, lines)
 * and a word of text over a gradient, 512×384 PNG. Positives are the base against a transformed copy: JPEG
 * quality 50; resized to half; a 5 % crop; a small colour shift (brightness ±6 %, hue ±8°, saturation ±10 %);
 * rotated 2–3° (corners filled white); and JPEG 50 + half together. Negatives: a transformed copy against another base.
 *
 * Text: paragraphs of 90–140 words drawn from a 1,500-word generated vocabulary (Zipf-like frequencies, so common
 * words recur across paragraphs as in real prose), and Japanese paragraphs of 40–70 words from a list of common
 * Japanese words (no spaces, as Japanese is written). Positives: reflowed (line breaks and spacing changed);
 * lightly edited (3–8 % of the words swapped for others or deleted); reflowed and edited; an excerpt of 40–60 %
 * of the paragraph. Negatives: the variant against another paragraph. A back-translated paraphrase is not
 * generated (no translation model here): the bench does not claim to catch one.
 */

export type Rng = () => number;

export function rng(seed: number): Rng {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const int = (r: Rng, lo: number, hi: number) => lo + Math.floor(r() * (hi - lo + 1));
const pick = <T>(r: Rng, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
const colour = (r: Rng) => `rgb(${int(r, 0, 255)},${int(r, 0, 255)},${int(r, 0, 255)})`;

export const IMAGE_W = 512;
export const IMAGE_H = 384;

/** One base image: random shapes and a word over a gradient, as PNG. */
export async function baseImage(seed: number): Promise<Buffer> {
  const r = rng(seed);
  const shapes: string[] = [];
  for (let i = 0, n = int(r, 6, 14); i < n; i += 1) {
    const kind = int(r, 0, 4);
    const fill = colour(r);
    const x = int(r, -40, IMAGE_W);
    const y = int(r, -40, IMAGE_H);
    if (kind === 0) shapes.push(`<rect x="${x}" y="${y}" width="${int(r, 30, 220)}" height="${int(r, 30, 200)}" fill="${fill}" transform="rotate(${int(r, -30, 30)} ${x} ${y})"/>`);
    else if (kind === 1) shapes.push(`<circle cx="${x}" cy="${y}" r="${int(r, 15, 120)}" fill="${fill}"/>`);
    else if (kind === 2) shapes.push(`<ellipse cx="${x}" cy="${y}" rx="${int(r, 20, 160)}" ry="${int(r, 10, 90)}" fill="${fill}"/>`);
    else if (kind === 3) shapes.push(`<polygon points="${Array.from({ length: int(r, 3, 6) }, () => `${int(r, 0, IMAGE_W)},${int(r, 0, IMAGE_H)}`).join(' ')}" fill="${fill}"/>`);
    else shapes.push(`<line x1="${x}" y1="${y}" x2="${int(r, 0, IMAGE_W)}" y2="${int(r, 0, IMAGE_H)}" stroke="${fill}" stroke-width="${int(r, 4, 24)}"/>`);
  }
  const word = Array.from({ length: int(r, 4, 8) }, () => pick(r, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ'.split(''))).join('');
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${IMAGE_W}" height="${IMAGE_H}">
    <defs><linearGradient id="g" x1="0" y1="0" x2="${r().toFixed(2)}" y2="1"><stop offset="0" stop-color="${colour(r)}"/><stop offset="1" stop-color="${colour(r)}"/></linearGradient></defs>
    <rect width="100%" height="100%" fill="url(#g)"/>${shapes.join('')}
    <text x="${int(r, 10, 200)}" y="${int(r, 60, 360)}" font-family="sans-serif" font-size="${int(r, 36, 72)}" fill="${colour(r)}">${word}</text></svg>`;
  return sharp(Buffer.from(svg)).png().toBuffer();
}

export const IMAGE_VARIANTS = ['jpeg-q50', 'half-size', 'crop-5pct', 'colour-shift', 'rotate-2-3deg', 'jpeg-q50+half'] as const;
export type ImageVariant = (typeof IMAGE_VARIANTS)[number];

/** A transformed copy of an image (seeded, so the corpus is the same at every run). */
export async function imageVariant(png: Buffer, variant: ImageVariant, seed: number): Promise<Buffer> {
  const r = rng(seed);
  switch (variant) {
    case 'jpeg-q50': return sharp(png).jpeg({ quality: 50 }).toBuffer();
    case 'half-size': return sharp(png).resize(IMAGE_W / 2, IMAGE_H / 2).png().toBuffer();
    case 'crop-5pct': {
      // 5 % of the width and of the height taken off, split at random between the two sides.
      const dx = Math.round(IMAGE_W * 0.05);
      const dy = Math.round(IMAGE_H * 0.05);
      const left = int(r, 0, dx);
      const top = int(r, 0, dy);
      return sharp(png).extract({ left, top, width: IMAGE_W - dx, height: IMAGE_H - dy }).png().toBuffer();
    }
    case 'colour-shift': {
      const sign = () => (r() < 0.5 ? -1 : 1);
      return sharp(png).modulate({ brightness: 1 + sign() * (0.02 + r() * 0.04), saturation: 1 + sign() * r() * 0.1, hue: Math.round(sign() * (2 + r() * 6)) }).png().toBuffer();
    }
    case 'rotate-2-3deg': {
      const angle = (r() < 0.5 ? -1 : 1) * (2 + r());
      return sharp(png).rotate(angle, { background: { r: 255, g: 255, b: 255 } }).png().toBuffer();
    }
    case 'jpeg-q50+half': return sharp(png).resize(IMAGE_W / 2, IMAGE_H / 2).jpeg({ quality: 50 }).toBuffer();
    default: throw new Error(`unknown variant ${variant as string}`);
  }
}

// ---------------------------------------------------------------- text

const SYLLABLES = ['ka', 'to', 'ri', 'an', 'el', 'mo', 'su', 'ne', 'la', 'or', 'vi', 'da', 'pe', 'ul', 'si', 'ba', 'ge', 'ho', 'in', 'ra', 'te', 'co', 'mi', 'st', 'er', 'th', 'wa', 'ly', 'en', 'go'];

/** A vocabulary of generated words, most frequent first. */
export function vocabulary(seed: number, size = 1500): string[] {
  const r = rng(seed);
  const words = new Set<string>();
  while (words.size < size) words.add(Array.from({ length: int(r, 1, 4) }, () => pick(r, SYLLABLES)).join(''));
  return [...words];
}

/** A Zipf-like draw: word i with weight 1 / (i + 10). */
function zipf(r: Rng, words: readonly string[]): string {
  const n = words.length;
  // Inverse of the cumulative of 1/(i+10) ≈ ln((i+10)/10).
  const total = Math.log((n + 10) / 10);
  const i = Math.floor(10 * Math.exp(r() * total) - 10);
  return words[Math.min(n - 1, Math.max(0, i))]!;
}

export function paragraph(r: Rng, words: readonly string[]): string {
  const out: string[] = [];
  for (let i = 0, n = int(r, 90, 140); i < n; i += 1) {
    let w = zipf(r, words);
    if (i === 0 || out[out.length - 1]!.endsWith('.')) w = w[0]!.toUpperCase() + w.slice(1);
    if (r() < 0.08) w += r() < 0.7 ? '.' : ',';
    out.push(w);
  }
  return `${out.join(' ')}.`;
}

const JA_WORDS = ['港', 'は', '静か', 'な', '夜', 'の', '海', 'に', '船', 'が', '揺れ', 'て', 'いた', '少女', '祖母', 'から', '教わった', '歌', 'を', '口ずさみ',
  'ながら', '防波堤', '歩いた', '灯台', '光', '遠く', '雨', '雲', '西', '風', '強く', 'なり', '町', '人々', '窓', '閉め', '始めた', 'そして', '朝', 'まで',
  '誰も', '眠らなかった', '空', '色', '変わり', '鳥', '鳴き声', '聞こえた', '市場', '魚', '売る', '声', '山', '道', '花', '咲いて', '春', '夏', '秋', '冬',
  '手紙', '書いた', '駅', '電車', '待って', '友達', '笑った', '本', '読んで', '考えた', '。', '、'];

export function japaneseParagraph(r: Rng): string {
  const out: string[] = [];
  for (let i = 0, n = int(r, 40, 70); i < n; i += 1) out.push(pick(r, JA_WORDS));
  return `${out.join('')}。`;
}

export const TEXT_VARIANTS = ['reflowed', 'light-edit', 'reflowed+edit', 'excerpt-40-60pct'] as const;
export type TextVariant = (typeof TEXT_VARIANTS)[number];

/** A variant of a paragraph: tokens are words (English) or words of the generating list (Japanese, joined without spaces). */
export function textVariant(text: string, variant: TextVariant, seed: number, words: readonly string[], japanese: boolean): string {
  const r = rng(seed);
  const tokens = japanese ? segmentJapanese(text) : text.split(/\s+/);
  const join = (ts: string[]) => ts.join(japanese ? '' : ' ');
  const reflow = (ts: string[]) => {
    // New line breaks every 5–15 tokens, double spaces here and there (Japanese: line breaks only).
    const out: string[] = [];
    let next = int(r, 5, 15);
    ts.forEach((t, i) => {
      out.push(t);
      if (i === next) { out.push(japanese ? '\n' : (r() < 0.5 ? '\n' : '\n\n  ')); next += int(r, 5, 15); } else if (!japanese) out.push(r() < 0.1 ? '  ' : ' ');
    });
    return out.join('');
  };
  const edit = (ts: string[]) => {
    const out = [...ts];
    const changes = Math.max(1, Math.round(out.length * (0.03 + r() * 0.05)));
    for (let k = 0; k < changes; k += 1) {
      const i = int(r, 0, out.length - 1);
      if (r() < 0.5) out.splice(i, 1);
      else out[i] = japanese ? pick(r, JA_WORDS) : pick(r, words);
    }
    return out;
  };
  switch (variant) {
    case 'reflowed': return reflow(tokens);
    case 'light-edit': return join(edit(tokens));
    case 'reflowed+edit': return reflow(edit(tokens));
    case 'excerpt-40-60pct': {
      const len = Math.round(tokens.length * (0.4 + r() * 0.2));
      const start = int(r, 0, tokens.length - len);
      return join(tokens.slice(start, start + len));
    }
    default: throw new Error(`unknown variant ${variant as string}`);
  }
}

/** Splits a generated Japanese paragraph back into the words of JA_WORDS (longest match first). */
function segmentJapanese(text: string): string[] {
  const sorted = [...JA_WORDS].sort((a, b) => b.length - a.length);
  const out: string[] = [];
  let i = 0;
  while (i < text.length) {
    const w = sorted.find((candidate) => text.startsWith(candidate, i)) ?? text[i]!;
    out.push(w);
    i += w.length;
  }
  return out;
}
