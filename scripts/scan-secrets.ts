/**
 * `npm run scan:secrets`: after a run, look through reports/, test-results/, blob reports and traces for any
 * configured secret or issued token, in any encoding. Exit 1 naming the file and the secret's name, never its value.
 * Options: --dir DIR (repeatable; default: reports test-results blob-report playwright-report),
 *          --twin-admin URL (also look for every token that twin issued).
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { knownSecrets } from '../src/config/known-secrets.ts';
import { scanForSecrets, type NamedSecret } from '../src/security/secret-scan.ts';

const root = resolve(import.meta.dirname, '..');
const { values } = parseArgs({
  options: {
    dir: { type: 'string', multiple: true },
    'twin-admin': { type: 'string' },
  },
});

async function issuedTokens(adminUrl: string | undefined): Promise<NamedSecret[]> {
  if (!adminUrl) return [];
  const response = await fetch(`${adminUrl}/issued-tokens`);
  if (!response.ok) throw new Error(`twin admin answered ${response.status} for /issued-tokens`);
  const tokens = (await response.json()) as { target: string; token: string }[];
  return tokens.map((t, i) => ({ name: `token #${i + 1} issued to ${t.target}`, value: t.token }));
}

const dirs = (values.dir ?? ['reports', 'test-results', 'blob-report', 'playwright-report']).map((d) => resolve(root, d)).filter(existsSync);
const secrets: NamedSecret[] = [...knownSecrets(root), ...(await issuedTokens(values['twin-admin']))];
const result = scanForSecrets(dirs, secrets, root);
for (const finding of result.findings) console.error(`secret found: ${finding.file} holds ${finding.secret} (${finding.encoding})`);
console.log(`scanned ${result.filesScanned} file(s) in ${dirs.length} folder(s) for ${secrets.length} secret(s): ${result.findings.length} found`);
process.exit(result.findings.length > 0 ? 1 : 0);
