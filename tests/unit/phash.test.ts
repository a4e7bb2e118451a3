import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { hammingDistance, imagePerceptualHash, isPerceptualHash, perceptualHashOfGrey32 } from '../../src/infra/similarity/phash';
import { jpegHalf, sceneImage, toPng, VECTOR_IMAGES } from '../support/test-images';

// The test vectors published in src/infra/similarity/README.md: a firm's pipeline must reproduce them.
const VECTORS: Record<string, string> = {
  gradient: '822957087f26be57',
  rings: 'd435da3bc8d825c3',
  blocks: 'd693686a6a6a896d',
  checker: 'f65588dd80dddd02',
};

describe('image perceptual hash (documented pHash)', () => {
  it('reproduces the README test vectors for the formula images', async () => {
    for (const [name, expected] of Object.entries(VECTORS)) {
      const hash = await imagePerceptualHash(await toPng(VECTOR_IMAGES[name]!()));
      expect({ name, hash }).toEqual({ name, hash: expected });
    }
  });

  it('reproduces the README vector for the DCT and threshold steps alone', () => {
    const grey = Array.from({ length: 1024 }, (_, i) => ((i % 32) * 7 + Math.floor(i / 32) ** 2 * 3) % 256);
    expect(perceptualHashOfGrey32(grey)).toBe('970b1cb11e2fa53c');
  });

  it('accepts a file path as well as bytes, and refuses what is not an image', async () => {
    const { writeFile, mkdtemp } = await import('node:fs/promises');
    const { join } = await import('node:path');
    const { tmpdir } = await import('node:os');
    const dir = await mkdtemp(join(tmpdir(), 'phash-'));
    const file = join(dir, 'blocks.png');
    await writeFile(file, await toPng(VECTOR_IMAGES.blocks!()));
    expect(await imagePerceptualHash(file)).toBe(VECTORS.blocks);
    await expect(imagePerceptualHash(Buffer.from('not an image at all'))).rejects.toThrow();
  });

  it('survives JPEG quality 50 plus a resize to half, and keeps unrelated pictures apart', async () => {
    const hashes: string[] = [];
    for (let seed = 1; seed <= 8; seed++) {
      const png = await toPng(sceneImage(seed));
      const original = await imagePerceptualHash(png);
      const copy = await imagePerceptualHash(await jpegHalf(png));
      expect(hammingDistance(original, copy)).toBeLessThanOrEqual(6);
      hashes.push(original);
    }
    for (let i = 0; i < hashes.length; i++) {
      for (let j = i + 1; j < hashes.length; j++) expect(hammingDistance(hashes[i]!, hashes[j]!)).toBeGreaterThan(10);
    }
  });

  it('hashes are 16 lowercase hex characters', async () => {
    const h = await imagePerceptualHash(await toPng(sceneImage(42, 97, 53)));
    expect(isPerceptualHash(h)).toBe(true);
  });
});

describe('hammingDistance', () => {
  const hex64 = fc.bigInt({ min: 0n, max: (1n << 64n) - 1n }).map((n) => n.toString(16).padStart(16, '0'));
  it('equals the popcount of the XOR, computed on 64-bit integers', () => {
    fc.assert(
      fc.property(hex64, hex64, (a, b) => {
        const x = BigInt('0x' + a) ^ BigInt('0x' + b);
        expect(hammingDistance(a, b)).toBe(x.toString(2).split('').filter((c) => c === '1').length);
      }),
    );
  });
  it('refuses a hash that is not 16 hex characters', () => {
    expect(() => hammingDistance('abc', '0000000000000000')).toThrow();
    expect(() => hammingDistance('zzzzzzzzzzzzzzzz', '0000000000000000')).toThrow();
  });
});
