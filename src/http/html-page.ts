import type express from 'express';

/** The languages of Chōtei's web pages (the notice page, the account pages). */
export type Lang = 'ja' | 'en';

/** Every value written into a page goes through this. */
export const escapeHtml = (value: unknown): string =>
  String(value ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', '\'': '&#39;' }[c]!));

/** ?lang=en|ja first, then the first language of Accept-Language; Japanese by default. */
export function pickLang(req: express.Request): Lang {
  const asked = typeof req.query.lang === 'string' ? req.query.lang.toLowerCase() : '';
  if (asked === 'en' || asked === 'ja') return asked;
  const first = (req.headers['accept-language'] ?? '').split(',')[0]?.trim().toLowerCase() ?? '';
  return first.startsWith('en') ? 'en' : 'ja';
}

/** A whole page: no script, not indexed, readable on a phone; `style` is the page's own CSS. */
export function htmlPage(lang: Lang, title: string, body: string, style: string): string {
  return `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">`
    + `<meta name="robots" content="noindex"><title>${escapeHtml(title)}</title>`
    + `<style>${style}</style></head><body>${body}</body></html>`;
}
