import 'reflect-metadata';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Command } from 'commander';
import { Database } from './persistence/database';
import { ConfigError, loadConfig } from './config/env';
import { Role } from './domain/enums';
import { createServices } from './services';
import { CaseWorkflow } from './services/case-workflow';
import { AppError } from './domain/errors';
import { buildChoteiSchema, SCHEMA_FILE } from './resolvers/build-schema';
import { schemaSdl } from './schema/schema-sdl';
import { registerDemoCommand } from './cli/demo.command';
import { registerImportCommand } from './cli/import-opt-outs.command';

const program = new Command();
program.name('chotei').description('Chōtei operator commands (configuration comes from the environment, as for npm start)');

async function withDb<T>(work: (db: Database, config: ReturnType<typeof loadConfig>) => Promise<T>, migrate = true): Promise<T> {
  const config = loadConfig();
  const db = await Database.open(config, { migrate });
  try {
    return await work(db, config);
  } finally {
    await db.close();
  }
}

program.command('migrate').description('Apply pending database migrations').action(async () => {
  await withDb(async (db) => {
    // Database.open applied them (under the migration lock: other processes may be migrating at the same moment).
    const applied = db.appliedMigrations;
    console.log(applied.length > 0 ? `applied ${applied.length} migration${applied.length === 1 ? '' : 's'}:\n${applied.map((name) => `  ${name}`).join('\n')}` : 'the database is up to date');
  });
});

program.command('create-account').description('Create an ADMIN or MEDIATOR account (they cannot sign up)')
  .requiredOption('--role <role>', 'ADMIN or MEDIATOR')
  .requiredOption('--email <email>', 'login email')
  .requiredOption('--password <password>', 'initial password (at least 10 characters)')
  .option('--name <name>', 'display name', 'Administrator')
  .option('--languages <list>', 'mediator languages, comma-separated', 'ja,en')
  .option('--capacity <n>', 'mediator capacity (open cases)', '20')
  .option('--locale <locale>', 'ja or en', 'ja')
  .action(async (opts) => {
    const role = String(opts.role).toUpperCase();
    if (role !== Role.ADMIN && role !== Role.MEDIATOR) throw new Error('--role must be ADMIN or MEDIATOR');
    await withDb(async (db, config) => {
      const services = createServices(config, db, new CaseWorkflow());
      const account = await services.accounts.createStaff(role as Role.ADMIN | Role.MEDIATOR, {
        email: opts.email, password: opts.password, displayName: opts.name, locale: opts.locale,
        languages: String(opts.languages).split(',').map((l: string) => l.trim()).filter(Boolean), specialties: [], capacity: Number(opts.capacity), conflicts: [],
      });
      console.log(JSON.stringify({ id: account.id, email: account.email, role: account.role }));
    });
  });

program.command('emit-schema').description(`Write ${SCHEMA_FILE} from the code`).action(async () => {
  writeFileSync(resolve(SCHEMA_FILE), schemaSdl(await buildChoteiSchema()));
  console.log(`wrote ${SCHEMA_FILE}`);
});

program.command('generate-migration <name>').description('Write a migration for the difference between the entities and the database (run once per driver)')
  .action(async (name: string) => {
    await withDb(async (db) => {
      const sql = await db.write.driver.createSchemaBuilder().log();
      if (sql.upQueries.length === 0) { console.log('no changes'); return; }
      const kind = db.kind;
      const stamp = Date.now();
      const className = `${name.replace(/[^A-Za-z0-9]/g, '')}${stamp}`;
      const esc = (q: string) => q.replace(/\\/g, '\\\\').replace(/`/g, '\\`');
      const up = sql.upQueries.map((q) => `    await q.query(\`${esc(q.query)}\`);`).join('\n');
      const down = sql.downQueries.reverse().map((q) => `    await q.query(\`${esc(q.query)}\`);`).join('\n');
      const dir = join('src', 'persistence', 'migrations', kind);
      mkdirSync(dir, { recursive: true });
      const file = join(dir, `${stamp}-${name}.ts`);
      writeFileSync(file, `import { MigrationInterface, QueryRunner } from 'typeorm';\n\nexport class ${className} implements MigrationInterface {\n  name = '${className}';\n\n  async up(q: QueryRunner): Promise<void> {\n${up}\n  }\n\n  async down(q: QueryRunner): Promise<void> {\n${down}\n  }\n}\n`);
      writeMigrationIndex(dir, kind);
      console.log(`wrote ${file} and ${dir}/index.ts`);
    });
  });

registerExtraCommands(program);

/** Rewrites src/persistence/migrations/<kind>/index.ts to list every migration file in order. */
function writeMigrationIndex(dir: string, kind: string): void {
  const files = readdirSync(dir).filter((f) => /^\d+-.*\.ts$/.test(f)).sort();
  const classes = files.map((f) => /export class (\w+)/.exec(readFileSync(join(dir, f), 'utf8'))![1]);
  const imports = files.map((f, i) => `import { ${classes[i]} } from './${f.replace(/\.ts$/, '')}';`).join('\n');
  const name = kind === 'postgres' ? 'POSTGRES_MIGRATIONS' : 'SQLITE_MIGRATIONS';
  writeFileSync(join(dir, 'index.ts'), `${imports}\n\n/** Generated by \`chotei generate-migration\`: every ${kind} migration, oldest first. */\nexport const ${name}: Function[] = [${classes.join(', ')}];\n`);
}

program.parseAsync(process.argv).catch((error) => {
  if (error instanceof ConfigError || error instanceof AppError) console.error(error.message);
  else console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});

/** Commands added by later features (seed, demo, import-opt-outs) hook in here. */
function registerExtraCommands(extra: Command): void {
  registerImportCommand(extra);
  registerDemoCommand(extra);
}
