import type { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import { sqliteStatement } from './statements';

/**
 * INSERT with SQL built once per (entity, column set) and values converted by
 * the driver's own rules — the write-path twin of fast-read.ts. Fills the
 * creation/update dates and the version column the way TypeORM's insert does;
 * auto-increment keys are left to the database.
 */
const sqlCache = new Map<string, string>();

export async function insertRows<T extends ObjectLiteral>(em: EntityManager, entity: EntityTarget<T>, rows: Array<Partial<T>>): Promise<void> {
  if (rows.length === 0) return;
  const meta = em.connection.getMetadata(entity);
  const driver = em.connection.driver;
  const postgres = driver.options.type === 'postgres';
  const now = new Date();
  const generated = meta.columns.find((c) => c.isGenerated && c.generationStrategy === 'increment');
  const columns = meta.columns.filter((c) => c !== generated);
  const key = `${meta.name}|${rows.length}`;
  let sql = sqlCache.get(key);
  if (!sql) {
    let n = 0;
    const tuple = () => `(${columns.map(() => (postgres ? `$${++n}` : '?')).join(', ')})`;
    sql = `INSERT INTO "${meta.tableName}" (${columns.map((c) => `"${c.databaseName}"`).join(', ')}) VALUES ${rows.map(() => tuple()).join(', ')}`
      + (generated ? ` RETURNING "${generated.databaseName}"` : '');
    sqlCache.set(key, sql);
  }
  const params: unknown[] = [];
  for (const row of rows) {
    for (const c of columns) {
      let value = (row as Record<string, unknown>)[c.propertyName];
      if (value === undefined) {
        if (c.isCreateDate || c.isUpdateDate) value = now;
        else if (c.isVersion) value = 1;
        else if (c.default !== undefined && typeof c.default !== 'function') value = c.default;
        else value = null;
      }
      params.push(driver.preparePersistentValue(value, c));
    }
  }
  const statement = sqliteStatement(em, sql, params, false);
  const result = statement
    ? (statement.reader ? statement.all(...params) : statement.run(...params))
    : ((await em.query(sql, params)) as Array<Record<string, unknown>> | unknown);
  // Generated keys come back in insertion order (one VALUES list), as TypeORM's insert would set them.
  if (generated && Array.isArray(result)) {
    result.forEach((r, i) => { (rows[i] as Record<string, unknown>)[generated.propertyName] = Number(r[generated.databaseName]); });
  }
}

/**
 * `UPDATE … SET <changes>, version = version + 1 WHERE <guard>`: returns the
 * number of rows changed (0 means the guard did not hold).
 */
export async function guardedUpdate<T extends ObjectLiteral>(em: EntityManager, entity: EntityTarget<T>, changes: Partial<T>, guard: Partial<T>): Promise<number> {
  const meta = em.connection.getMetadata(entity);
  const driver = em.connection.driver;
  const postgres = driver.options.type === 'postgres';
  let n = 0;
  const param = () => (postgres ? `$${++n}` : '?');
  const column = (prop: string) => {
    const c = meta.findColumnWithPropertyName(prop);
    if (!c) throw new Error(`${meta.name} has no column ${prop}`);
    return c;
  };
  const setCols = Object.keys(changes).map(column);
  const whereCols = Object.keys(guard).map(column);
  const version = meta.versionColumn;
  const sets = [...setCols.map((c) => `"${c.databaseName}" = ${param()}`), ...(version ? [`"${version.databaseName}" = "${version.databaseName}" + 1`] : [])];
  const where = whereCols.map((c) => `"${c.databaseName}" = ${param()}`);
  const params = [
    ...setCols.map((c) => driver.preparePersistentValue((changes as Record<string, unknown>)[c.propertyName], c)),
    ...whereCols.map((c) => driver.preparePersistentValue((guard as Record<string, unknown>)[c.propertyName], c)),
  ];
  const runner = em.queryRunner;
  if (!runner) throw new Error('guardedUpdate runs inside a transaction');
  const sql = `UPDATE "${meta.tableName}" SET ${sets.join(', ')} WHERE ${where.join(' AND ')}`;
  const statement = sqliteStatement(em, sql, params, false);
  if (statement) return statement.run(...params).changes;
  const result = await runner.query(sql, params, true);
  return result.affected ?? 0;
}
