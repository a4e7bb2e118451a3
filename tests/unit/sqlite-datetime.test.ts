import { describe, expect, it } from 'vitest';
import { parseSqliteDatetime } from '../../src/persistence/sqlite/hydrate';

/** The SQLite datetime text TypeORM writes, read back as the same instant (UTC). */
describe('parseSqliteDatetime', () => {
  it.each([
    ['2026-11-22 07:45:03.123', '2026-11-22T07:45:03.123Z'],
    ['2026-11-22 07:45:03.12', '2026-11-22T07:45:03.120Z'],
    ['2026-11-22 07:45:03.1', '2026-11-22T07:45:03.100Z'],
    ['2026-11-22 07:45:03', '2026-11-22T07:45:03.000Z'],
    ['2024-02-29 23:59:59.999', '2024-02-29T23:59:59.999Z'],
    ['1970-01-01 00:00:00.000', '1970-01-01T00:00:00.000Z'],
    ['0100-01-01 00:00:00.000', '0100-01-01T00:00:00.000Z'],
  ])('reads %s as %s', (text, iso) => {
    expect(parseSqliteDatetime(text)?.toISOString()).toBe(iso);
  });

  it.each([
    '2026-11-22T07:45:03.123Z', '2026-11-22 07:45:03.', '2026-11-22 07:45:03.1234', '2026-11-22 7:45:03.123', '2026/11/22 07:45:03',
    '2026-11-22 07:45:0x', '0099-01-01 00:00:00', '', 'yesterday',
  ])('leaves %j to the driver (null)', (text) => {
    expect(parseSqliteDatetime(text)).toBeNull();
  });
});
