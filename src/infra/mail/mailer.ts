import { mkdir, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import nodemailer from 'nodemailer';
import type { Transporter } from 'nodemailer';
import type { Config } from '../../config/env';

/** One message: text and HTML bodies in the recipient's language. */
export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  html?: string;
  /** Deterministic Message-ID (one per notification/attempt), so a resend is recognisably the same message. */
  messageId: string;
  /** Stable name of what the message is (notice-served …), for logs and the .eml file name. */
  kind: string;
}

export interface SentMail { messageId: string; via: 'smtp' | 'file'; file?: string }

/** A refusal by the mail server (or a bad address): `permanent` when retrying cannot help (5xx). */
export class MailError extends Error {
  constructor(message: string, readonly permanent: boolean, readonly responseCode: number | null) { super(message); }
}

export interface Mailer { send(message: MailMessage): Promise<SentMail>; close(): void }

/**
 * Nodemailer: SMTP when SMTP_URL is set; otherwise every message is written as
 * an .eml file under MAIL_DIR (default ./data/mail), so a fresh machine shows
 * what would have been sent.
 */
export function createMailer(config: Pick<Config, 'mail'>): Mailer {
  const { smtpUrl, dir, from } = config.mail;
  const transport: Transporter = smtpUrl
    ? nodemailer.createTransport(smtpUrl)
    : nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  return {
    async send(message) {
      const envelope = { from, to: message.to, subject: message.subject, text: message.text, html: message.html, messageId: message.messageId };
      try {
        const info = await transport.sendMail(envelope);
        if (smtpUrl) return { messageId: message.messageId, via: 'smtp' };
        await mkdir(dir, { recursive: true });
        const name = `${new Date().toISOString().replace(/[:.]/g, '-')}-${message.kind}-${safeName(message.messageId)}.eml`;
        const file = join(dir, name);
        // Written whole, then renamed: a reader never sees half a message.
        await writeFile(`${file}.tmp`, (info as unknown as { message: Buffer }).message);
        await rename(`${file}.tmp`, file);
        return { messageId: message.messageId, via: 'file', file };
      } catch (error) {
        throw toMailError(error);
      }
    },
    close() { transport.close(); },
  };
}

const mailers = new Map<string, Mailer>();

/** One mailer per configuration, shared by the jobs of a process. */
export function mailerFor(config: Pick<Config, 'mail'>): Mailer {
  const key = JSON.stringify(config.mail);
  let mailer = mailers.get(key);
  if (!mailer) mailers.set(key, (mailer = createMailer(config)));
  return mailer;
}

function safeName(id: string): string {
  return id.replace(/[^A-Za-z0-9_-]+/g, '_').slice(0, 80);
}

/**
 * A neutral reason: the SMTP reply code and what it means, never host names,
 * addresses or the server's own text (which often names internal hosts).
 */
function toMailError(error: unknown): MailError {
  const e = error as { responseCode?: number; code?: string; message?: string };
  const code = typeof e.responseCode === 'number' ? e.responseCode : null;
  if (code !== null && code >= 500) return new MailError(`The mail server refused the message (SMTP ${code}).`, true, code);
  if (code !== null && code >= 400) return new MailError(`The mail server deferred the message (SMTP ${code}); it will be tried again.`, false, code);
  if (e.code === 'EENVELOPE') return new MailError('The recipient address was refused.', true, null);
  return new MailError('The mail server could not be reached; it will be tried again.', false, null);
}
