import { open } from 'node:fs/promises';

/**
 * What a file is, from its content (never its name): file-type's magic numbers, else a UTF-8 check.
 *
 * Allowed: PNG, JPEG, WebP, GIF, PDF, DOCX and ODT (documents and manuscripts: zip containers that browsers do
 * not run; served as attachments), and plain text — valid UTF-8 without NUL bytes — which covers JSON, Markdown,
 * CSV and source code (all stored as text/plain). Refused: everything else, among them executables, archives,
 * SVG and HTML (markup a browser would run if it were ever served inline: a text whose first tag is html, head,
 * body, script, svg, iframe or an XML declaration).
 */
export const ALLOWED_MEDIA_TYPES: ReadonlySet<string> = new Set([
  'image/png', 'image/jpeg', 'image/webp', 'image/gif', 'application/pdf',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document', 'application/vnd.oasis.opendocument.text',
  'text/plain',
]);

export interface SniffedType { mediaType: string; allowed: boolean }

const MARKUP = /^(?:\ufeff)?\s*<(?:!doctype\s+html|html|head|body|script|svg|iframe|\?xml|!--)/i;

type FileTypeModule = { fileTypeFromFile(path: string): Promise<{ mime: string; ext: string } | undefined> };
let fileTypeModule: Promise<FileTypeModule> | null = null;
/**
 * file-type is ESM-only from version 17: loaded with import(), which TypeScript's CommonJS output turns into
 * require() — Node 20.19+ loads an ES module that way (no top-level await in file-type).
 */
function fileType(): Promise<FileTypeModule> {
  fileTypeModule ??= import('file-type') as unknown as Promise<FileTypeModule>;
  return fileTypeModule;
}

/** The media type of the file at `path` and whether the allow-list takes it. */
export async function sniffMediaType(path: string): Promise<SniffedType> {
  const detected = await (await fileType()).fileTypeFromFile(path);
  if (detected) return { mediaType: detected.mime, allowed: ALLOWED_MEDIA_TYPES.has(detected.mime) };
  const text = await textKind(path);
  if (text === 'text') return { mediaType: 'text/plain', allowed: true };
  if (text === 'markup') return { mediaType: 'text/html', allowed: false };
  return { mediaType: 'application/octet-stream', allowed: false };
}

/** Reads the file once: 'text' when it is valid UTF-8 without NUL, 'markup' when that text starts as HTML/SVG/XML, else 'binary'. */
async function textKind(path: string): Promise<'text' | 'markup' | 'binary'> {
  const handle = await open(path, 'r');
  try {
    const decoder = new TextDecoder('utf-8', { fatal: true });
    const buffer = Buffer.alloc(64 * 1024);
    let head = '';
    for (;;) {
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, null);
      if (bytesRead === 0) break;
      const chunk = buffer.subarray(0, bytesRead);
      if (chunk.includes(0)) return 'binary';
      try {
        const decoded = decoder.decode(chunk, { stream: true });
        if (head.length < 1024) head += decoded.slice(0, 1024);
      } catch {
        return 'binary';
      }
    }
    try { decoder.decode(); } catch { return 'binary'; }
    return MARKUP.test(head) ? 'markup' : 'text';
  } finally {
    await handle.close();
  }
}
