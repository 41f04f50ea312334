/**
 * The README's "What the suite catches" table, rendered from twin/faults/catalogue.ts (the one list the twin and
 * the fault matrix read too). No option: print it. `--write`: replace the text between `<!-- faults:start -->` and
 * `<!-- faults:end -->` in README.md (prints the table when the markers are absent). `--check`: exit 1 when
 * README.md's table is missing or out of date.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { FAULTS } from '../twin/faults/catalogue.ts';

export const START = '<!-- faults:start -->';
export const END = '<!-- faults:end -->';
const README = resolve(import.meta.dirname, '..', 'README.md');

const cell = (text: string): string => text.replace(/\|/g, '\\|');

/** The text that belongs between the markers (without them), ending with a newline. */
export function renderFaultTable(): string {
  const lines = [
    `Generated from \`twin/faults/catalogue.ts\` by \`npx tsx scripts/fault-table.ts --write\`; \`npm run verify:faults\` proves every row:`,
    `each of the ${FAULTS.length} faults, switched on in the twin (\`TWIN_FAULTS=<fault>\`), makes a check of its family fail with its category.`,
    '',
    '| Fault | Family | Category | What the twin does |',
    '|---|---|---|---|',
    ...FAULTS.map((f) => `| \`${f.name}\` | ${f.family} | ${f.category} | ${cell(f.description)} |`),
  ];
  return `${lines.join('\n')}\n`;
}

/** README text with the block between the markers replaced, or undefined when the markers are absent. */
export function withTable(readme: string, table: string): string | undefined {
  const start = readme.indexOf(START);
  const end = readme.indexOf(END, start + START.length);
  if (start < 0 || end < 0) return undefined;
  return `${readme.slice(0, start + START.length)}\n${table}${readme.slice(end)}`;
}

function main(): void {
  const { values } = parseArgs({ options: { write: { type: 'boolean', default: false }, check: { type: 'boolean', default: false } } });
  const table = renderFaultTable();
  const readme = existsSync(README) ? readFileSync(README, 'utf8') : undefined;
  const updated = readme === undefined ? undefined : withTable(readme, table);
  if (values.check) {
    if (updated === undefined) {
      console.error(`README.md has no ${START} … ${END} block for the fault table: add the markers, then run npx tsx scripts/fault-table.ts --write`);
      process.exitCode = 1;
    } else if (updated !== readme) {
      console.error('README.md\'s fault table is out of date with twin/faults/catalogue.ts: run npx tsx scripts/fault-table.ts --write');
      process.exitCode = 1;
    } else {
      console.log(`README.md's fault table is up to date (${FAULTS.length} faults).`);
    }
    return;
  }
  if (values.write && updated !== undefined) {
    if (updated !== readme) writeFileSync(README, updated);
    console.log(`README.md: fault table ${updated === readme ? 'already up to date' : 'written'} (${FAULTS.length} faults).`);
    return;
  }
  if (values.write) console.error(`README.md has no ${START} … ${END} block: printing the table instead.`);
  process.stdout.write(table);
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) main();
