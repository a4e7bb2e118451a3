import { createHash, randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream, type ReadStream } from 'node:fs';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { sniffMediaType } from './media-type';

/** The upload went over the size limit: nothing was kept. */
export class FileTooLargeError extends Error {
  constructor(readonly maxBytes: number) { super(`the file is larger than ${maxBytes} bytes`); }
}

/** The content is not of an allowed type: nothing was kept. */
export class UnsupportedMediaTypeError extends Error {
  constructor(readonly mediaType: string) { super(`files of type ${mediaType} are not accepted`); }
}

export interface StoredBlob<T = undefined> {
  /** What `inspect` made of the bytes before they were kept. */
  inspected: T;
  sha256: string;
  size: number;
  mediaType: string;
  /** Where the bytes are (read it for fingerprints; never hand it to a client). */
  path: string;
  /** False when the same bytes were already stored (deduplicated). */
  created: boolean;
}

/**
 * A content-addressed file store under one directory (FILE_STORE_DIR): the bytes of a file are kept once, at
 * `ab/cd/abcd…` (the SHA-256 in hex, fanned out by its first two bytes).
 *
 * An upload is streamed to a temporary file in the store's own directory (`.upload-<uuid>`, the same file system,
 * so the final rename is atomic) while its SHA-256 and size are computed: never whole in memory. Over the size
 * limit the stream stops at once; a refused type, a client that goes away or any failure removes the temporary
 * file: a partial upload leaves nothing behind. Same bytes → same path, the second copy is dropped.
 */
export class FileStore {
  constructor(readonly dir: string, readonly maxBytes: number) {}

  pathOf(sha256: string): string {
    if (!/^[0-9a-f]{64}$/.test(sha256)) throw new Error(`not a SHA-256: ${sha256}`);
    return join(this.dir, sha256.slice(0, 2), sha256.slice(2, 4), sha256);
  }

  /**
   * Stores `source` (checked against the size limit and the allow-list); rejects with FileTooLargeError or
   * UnsupportedMediaTypeError. `inspect` reads the complete temporary file before it is kept (fingerprints): should
   * it reject, nothing is kept either.
   */
  async put<T = undefined>(source: Readable, inspect?: (path: string, mediaType: string, size: number) => Promise<T>): Promise<StoredBlob<T>> {
    await mkdir(this.dir, { recursive: true });
    const temp = join(this.dir, `.upload-${randomUUID()}`);
    const hash = createHash('sha256');
    let size = 0;
    const max = this.maxBytes;
    const meter = new Transform({
      transform(chunk: Buffer, _encoding, callback) {
        size += chunk.length;
        if (size > max) { callback(new FileTooLargeError(max)); return; }
        hash.update(chunk);
        callback(null, chunk);
      },
    });
    try {
      await pipeline(source, meter, createWriteStream(temp, { flags: 'wx' }));
      const sniffed = await sniffMediaType(temp);
      if (!sniffed.allowed) throw new UnsupportedMediaTypeError(sniffed.mediaType);
      const inspected = (inspect ? await inspect(temp, sniffed.mediaType, size) : undefined) as T;
      const sha256 = hash.digest('hex');
      const path = this.pathOf(sha256);
      const existing = await stat(path).catch(() => null);
      if (existing) {
        await rm(temp, { force: true });
        return { sha256, size, mediaType: sniffed.mediaType, path, created: false, inspected };
      }
      await mkdir(join(this.dir, sha256.slice(0, 2), sha256.slice(2, 4)), { recursive: true });
      await rename(temp, path);
      return { sha256, size, mediaType: sniffed.mediaType, path, created: true, inspected };
    } catch (error) {
      await rm(temp, { force: true });
      throw error;
    }
  }

  /** A stream of the stored bytes (rejects when the blob is missing). */
  async open(sha256: string): Promise<{ stream: ReadStream; size: number }> {
    const path = this.pathOf(sha256);
    const info = await stat(path);
    return { stream: createReadStream(path), size: info.size };
  }
}
