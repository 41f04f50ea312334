/**
 * `npm run twin`: the twin standalone, for curl or the suite's live mode. Prints its proxy URL and CA file and
 * writes a ready env file per environment (credentials + HTTPS_PROXY + NODE_EXTRA_CA_CERTS) under .twin/.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { startTwin } from './server.ts';
import { TwinSettingError, twinSettingsFromEnv, type TwinEnvSettings } from './settings-env.ts';

const root = resolve(import.meta.dirname, '..');
const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '0' },
    faults: { type: 'string', default: process.env.TWIN_FAULTS ?? '' },
    'out-dir': { type: 'string', default: resolve(root, '.twin') },
  },
});

let settings: TwinEnvSettings;
try {
  settings = twinSettingsFromEnv(process.env);
} catch (error) {
  if (!(error instanceof TwinSettingError)) throw error;
  console.error(`twin: ${error.message}`);
  process.exit(2);
}
const twin = await startTwin({ root, port: Number(values.port), faults: values.faults, ...settings });
const outDir = resolve(values['out-dir']);
mkdirSync(outDir, { recursive: true });
const caFile = resolve(outDir, 'twin-ca.pem');
writeFileSync(caFile, twin.caPem);

const envFiles: string[] = [];
for (const environment of ['uat', 'prod'] as const) {
  const credentials = readFileSync(resolve(root, `env/twin-${environment}.env`), 'utf8')
    .split('\n').filter((line) => /^[A-Z0-9_]+=/.test(line)).map((line) => `export ${line}`);
  const file = resolve(outDir, `${environment}.env`);
  writeFileSync(file, [
    `# The running twin as a live ${environment} environment: source this file, then run the suite in live mode.`,
    `export CONTRACT_ENV=${environment}`,
    `export HTTPS_PROXY=${twin.proxyUrl}`,
    `export NODE_EXTRA_CA_CERTS=${caFile}`,
    `export CONTRACT_TWIN_ADMIN_URL=${twin.adminUrl}`,
    ...credentials,
    '',
  ].join('\n'));
  envFiles.push(file);
}

console.log(`twin proxy:  ${twin.proxyUrl}`);
console.log(`twin CA:     ${caFile}`);
console.log(`twin admin:  ${twin.adminUrl}/health | /log | /records`);
console.log(`hosts:       ${twin.hosts.join(', ')}`);
for (const file of envFiles) console.log(`env file:    ${file}`);
console.log(`try:         curl --proxy ${twin.proxyUrl} --cacert ${caFile} https://api.us.spotdraft.com/api/v2.1/public/contract_types/`);
console.log(`suite:       (. ${envFiles[0]} && npm run contracts)`);
console.log('ready');

const stop = async () => {
  await twin.stop();
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
