import { resolve } from 'node:path';
import { Presets, SingleBar } from 'cli-progress';
import type { Command } from 'commander';
import { Database } from '../persistence/database';
import { loadConfig } from '../config/env';
import { createServices } from '../services';
import { CaseWorkflow } from '../services/case-workflow';
import { systemContext } from '../policies/context';
import { HISTORICAL_EFFECTIVE_FROM_MIN, IMPORT_COLUMNS, ImportSummary } from '../services/opt-out-import.service';

/**
 * `npx chotei import-opt-outs FILE.csv --as EMAIL`: registers a work and an
 * opt-out for every good row, reports every bad row by line number, and can be
 * interrupted (Ctrl-C finishes the batch in flight) and run again to resume.
 */
export function registerImportCommand(program: Command): void {
  program.command('import-opt-outs <file>')
    .description(`Import opt-outs from a CSV file for a creator account (collectives, publishers). Columns: ${IMPORT_COLUMNS.join(',')}; `
      + 'title, kind, contentHash and scope are required; signals separated by "|"; effectiveFrom ISO 8601 (default now; '
      + 'not in the past unless --from-registry). Running the same file again resumes an interrupted import.')
    .requiredOption('--as <email>', 'email of the CREATOR account the opt-outs belong to')
    .option('--from-registry <name>', 'the existing registry the file comes from: keep its effectiveFrom dates even when past '
      + `(from ${HISTORICAL_EFFECTIVE_FROM_MIN.toISOString().slice(0, 10)}); the opt-outs show it as importedFrom`)
    .option('--batch <n>', 'rows per transaction (each batch is a checkpoint)', '500')
    .option('--max-rows <n>', 'stop after this many rows (the import stays resumable)')
    .option('--no-progress', 'no progress bar (for logs and scripts)')
    .action(async (file: string, opts: { as: string; batch: string; maxRows?: string; progress: boolean; fromRegistry?: string }) => {
      const config = loadConfig();
      const db = await Database.open(config);
      const controller = new AbortController();
      const onSignal = () => {
        if (controller.signal.aborted) process.exit(130);
        process.stderr.write('\nstopping after the batch in flight (Ctrl-C again to quit now); run the same command to resume\n');
        controller.abort();
      };
      process.on('SIGINT', onSignal);
      const bar = opts.progress && process.stderr.isTTY
        ? new SingleBar({ format: 'import |{bar}| {value}/{total} rows · {imported} opt-outs · {bad} bad · eta {eta_formatted}', stream: process.stderr }, Presets.shades_classic)
        : null;
      let started = false;
      try {
        const services = createServices(config, db, new CaseWorkflow());
        const summary = await services.optOutImport.importFile(systemContext('cli'), { file: resolve(file), asEmail: opts.as, fromRegistry: opts.fromRegistry ?? null }, {
          batchSize: Number(opts.batch), maxRows: opts.maxRows ? Number(opts.maxRows) : undefined, signal: controller.signal,
          onProgress: (p) => {
            if (!bar) return;
            if (!started) { bar.start(p.total, p.done, { imported: p.imported, bad: p.bad }); started = true; }
            else bar.update(p.done, { imported: p.imported, bad: p.bad });
          },
        });
        bar?.stop();
        process.stdout.write(formatSummary(summary));
        if (!summary.finished) process.exitCode = 3;
      } finally {
        bar?.stop();
        process.off('SIGINT', onSignal);
        await db.close();
      }
    });
}

export function formatSummary(s: ImportSummary): string {
  const lines = [
    `${s.finished ? 'Import finished' : 'Import interrupted (run the same command again to resume)'}: ${s.fileName} (import ${s.importId.slice(0, 12)})`,
    ...(s.fromRegistry ? [`  from registry:          ${s.fromRegistry} (effectiveFrom dates kept as the registry gives them)`] : []),
    `  rows in file:           ${s.totalRows}${s.resumed ? ' (resumed an earlier run)' : ''}`,
    `  rows processed now:     ${s.processedThisRun}`,
    `  opt-outs imported now:  ${s.importedThisRun} (works created: ${s.worksCreatedThisRun})`,
    `  opt-outs imported, all runs: ${s.imported}`,
    `  bad rows:               ${s.badRows.length}`,
    ...s.badRows.map((b) => `    line ${b.line}: ${b.reason}`),
  ];
  return `${lines.join('\n')}\n`;
}
