import type { Database } from '../persistence/database';
import type { LocalizedText } from '../domain/enums';
import { LicenseTemplateEntity } from '../persistence/entities';
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
    if ((await this.db.reader.count(LicenseTemplateEntity)) > 0) return;
    await this.db.transaction(async (tx) => {
      if ((await tx.em.count(LicenseTemplateEntity)) > 0) return;
      await tx.em.insert(LicenseTemplateEntity, SEED_LICENSE_TEMPLATES.map((t) => ({ code: t.code, title: t.title, summary: t.summary, terms: t.terms })));
    });
  }

  async list(): Promise<LicenseTemplateEntity[]> {
    return this.db.reader.find(LicenseTemplateEntity, { order: { code: 'ASC' } });
  }

  async byCode(code: string): Promise<LicenseTemplateEntity | null> {
    return this.db.reader.findOne(LicenseTemplateEntity, { where: { code } });
  }
}
