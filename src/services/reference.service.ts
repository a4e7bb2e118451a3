import type { Database } from '../config/database';
import countriesFile from '../../reference/countries.json';

const ISO_CODES = new Set<string>((countriesFile as { countries: Array<{ code: string }> }).countries.map((c) => c.code));

/** Reference data: countries, treaties and reciprocity agreements. */
export class ReferenceService {
  constructor(private readonly db: Database) {}

  isKnownCountry(code: string): boolean {
    return ISO_CODES.has(code);
  }
}
