import { randomUUID } from 'node:crypto';
import { open } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import type { Database, Queryable } from '../persistence/database';
import type { StoredFileEntity } from '../persistence/entities';
import * as files from '../persistence/repositories/stored-file.repository';
import { isUniqueViolation } from '../persistence/repositories/case-event.repository';
import { FileStore, UnsupportedMediaTypeError } from '../infra/files/file-store';
import { imagePerceptualHash } from '../infra/similarity/phash';
import { serialiseFingerprint, textFingerprint } from '../infra/similarity/text-fingerprint';
import { triageKindOf } from '../domain/triage';
import { InputCheck, notFound } from '../domain/errors';
import { mayReadFile } from '../policies';
import { requireViewer } from '../policies/guards';
import type { RequestContext, Viewer } from '../policies/context';

/** How much of a text file its fingerprint reads (the rest is stored and served, not compared). */
export const TEXT_FINGERPRINT_BYTES = 2 * 1024 * 1024;

/** A file name as the client gave it, cut to what the column takes and without path or control characters. */
export function cleanFileName(name: string | null | undefined): string | null {
  if (!name) return null;
  // eslint-disable-next-line no-control-regex
  const base = name.replace(/^.*[\\/]/, '').replace(/[\u0000-\u001f\u007f]/g, '').trim();
  return base ? [...base].slice(0, 200).join('') : null;
}

/** Uploads (POST /files), downloads (GET /files/{id}) and the checks of attaching a file to evidence or a work. */
export class FileService {
  readonly store: FileStore;

  constructor(private readonly db: Database, options: { dir: string; maxBytes: number }) {
    this.store = new FileStore(options.dir, options.maxBytes);
  }

  /**
   * Stores an upload of the viewer's: the bytes once per content (deduplicated), a row per uploader (the same
   * account uploading the same bytes again gets its row back). Images get their perceptual hash and text its
   * MinHash fingerprint now, so triage later compares stored values. Rejects with the store's
   * FileTooLargeError / UnsupportedMediaTypeError (nothing kept) or an AppError.
   */
  async upload(ctx: RequestContext, source: Readable, fileName: string | null, now = new Date()): Promise<StoredFileEntity> {
    const viewer = requireViewer(ctx);
    const blob = await this.store.put(source, (path, mediaType, size) => this.fingerprints(path, mediaType, size));
    const existing = await files.storedFileOfUploader(this.db.reads, viewer.accountId, blob.sha256);
    if (existing) return existing;
    const { perceptualHash, textFingerprint: fingerprint } = blob.inspected;
    try {
      return await this.db.transaction(async (tx) => {
        const again = await files.storedFileOfUploader(tx, viewer.accountId, blob.sha256);
        if (again) return again;
        return files.insertStoredFile(tx, {
          id: randomUUID(), sha256: blob.sha256, size: blob.size, mediaType: blob.mediaType, fileName: cleanFileName(fileName),
          uploadedById: viewer.accountId, perceptualHash, textFingerprint: fingerprint, createdAt: now,
        });
      });
    } catch (error) {
      // The same account uploading the same bytes twice at once (PostgreSQL): the other upload's row is the answer.
      const raced = isUniqueViolation(error) ? await files.storedFileOfUploader(this.db.reads, viewer.accountId, blob.sha256) : null;
      if (raced) return raced;
      throw error;
    }
  }

  /** Before the bytes are kept: an image's perceptual hash (an image that does not decode is refused), a text's MinHash fingerprint. */
  private async fingerprints(path: string, mediaType: string, size: number): Promise<{ perceptualHash: string | null; textFingerprint: string | null }> {
    const kind = triageKindOf(mediaType);
    if (kind === 'image') {
      try {
        return { perceptualHash: await imagePerceptualHash(path), textFingerprint: null };
      } catch {
        // The header says image but the pixels do not decode: refused like any other type it cannot use.
        throw new UnsupportedMediaTypeError(`${mediaType} (not decodable)`);
      }
    }
    if (kind === 'text') {
      const handle = await open(path, 'r');
      try {
        const buffer = Buffer.alloc(Math.min(size, TEXT_FINGERPRINT_BYTES));
        const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
        // A multi-byte character cut at the end decodes as U+FFFD: harmless for shingles.
        return { perceptualHash: null, textFingerprint: serialiseFingerprint(textFingerprint(buffer.subarray(0, bytesRead).toString('utf8'))) };
      } finally {
        await handle.close();
      }
    }
    return { perceptualHash: null, textFingerprint: null };
  }

  /** The file and a stream of its bytes, when the file rule (src/policies/case.policy.ts mayReadFile) lets the viewer read it; NOT_FOUND otherwise. */
  async download(ctx: RequestContext, id: string): Promise<{ file: StoredFileEntity; stream: Readable; size: number }> {
    const viewer = requireViewer(ctx);
    const file = await this.readable(viewer, id);
    const { stream, size } = await this.store.open(file.sha256);
    return { file, stream, size };
  }

  private async readable(viewer: Viewer, id: string): Promise<StoredFileEntity> {
    const file = /^[0-9a-f-]{36}$/.test(id) ? await files.storedFileById(this.db.reads, id) : null;
    if (!file) throw notFound('File', id);
    if (file.uploadedById === viewer.accountId) return file;
    const attached = await files.attachmentsOfFile(this.db.reads, file.id);
    if (!mayReadFile(viewer, { uploadedById: file.uploadedById, ...attached })) throw notFound('File', id);
    return file;
  }
}

/**
 * For addEvidence and registerWork: the viewer's own upload with this id, or a problem on `field` — another
 * account's file is reported exactly like a missing one.
 */
export async function ownFile(q: Queryable, viewer: Viewer, id: string, check: InputCheck, field: string): Promise<StoredFileEntity | null> {
  const file = /^[0-9a-f-]{36}$/.test(id) ? await files.storedFileById(q, id) : null;
  if (!file || file.uploadedById !== viewer.accountId) {
    check.add(field, `no file you uploaded has the id ${id} (upload it first with POST /files)`);
    return null;
  }
  return file;
}
