import type { Database } from '../persistence/database';
import type { LocalizedText } from '../domain/enums';
import type { LicenseTemplateEntity } from '../persistence/entities';
import * as reference from '../persistence/repositories/reference.repository';
import templatesFile from '../../reference/license-templates.json';

interface TemplateSeed { code: string; title: LocalizedText; summary: LocalizedText; terms: Record<string, any> }

export const SEED_LICENSE_TEMPLATES: readonly TemplateSeed[] = (templatesFile as { templates: TemplateSeed[] }).templates;

/** A template as the API shows it: title and summary in the viewer's language, and both. */
export interface PresentedLicenseTemplate {
  code: string; title: string; titleEn: string; titleJa: string; summary: string; summaryEn: string; summaryJa: string;
  terms: Record<string, unknown>; updatedAt: Date;
}

export function presentLicenseTemplate(t: LicenseTemplateEntity, locale: string): PresentedLicenseTemplate {
  const en = locale === 'en';
  return {
    code: t.code, title: en ? t.title.en : t.title.ja, titleEn: t.title.en, titleJa: t.title.ja,
    summary: en ? t.summary.en : t.summary.ja, summaryEn: t.summary.en, summaryJa: t.summary.ja, terms: t.terms, updatedAt: t.updatedAt,
  };
}

/** Industry-standard license templates (reference/license-templates.json), seeded on an empty table. */
export class LicenseTemplateService {
  constructor(private readonly db: Database) {}

  async bootstrap(): Promise<void> {
    if ((await reference.licenseTemplateCount(this.db.reads)) > 0) return;
    await this.db.transaction(async (tx) => {
      if ((await reference.licenseTemplateCount(tx)) > 0) return;
      await reference.insertLicenseTemplates(tx, SEED_LICENSE_TEMPLATES.map((t) => ({ code: t.code, title: t.title, summary: t.summary, terms: t.terms })));
    });
  }

  async list(): Promise<LicenseTemplateEntity[]> {
    return reference.licenseTemplates(this.db.reads);
  }

  async byCode(code: string): Promise<LicenseTemplateEntity | null> {
    return reference.licenseTemplateByCode(this.db.reads, code);
  }
}
