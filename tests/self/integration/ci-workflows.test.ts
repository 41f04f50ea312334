/**
 * The GitHub Actions workflows (.github/workflows/contracts-nightly.yml, preflight.yml): valid for GitHub's own
 * workflow parser (@actions/workflow-parser, the one behind the Actions language service), shaped as the README
 * describes, mapping every credential of the catalogue, and their shell steps doing what they say when run here
 * with a stand-in `npm`. Also the job summary renderer (scripts/summary-markdown.ts).
 */
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import {
  convertWorkflowTemplate,
  isBasicExpression,
  isBoolean,
  isMapping,
  isNumber,
  isSequence,
  isString,
  NoOperationTraceWriter,
  parseWorkflow,
} from '@actions/workflow-parser';
import type { TemplateToken } from '@actions/workflow-parser/templates/tokens/index';
import { vendorUrlVariable } from '../../../src/config/vendor-dir.ts';
import { PROVIDERS, TARGETS } from '../../../src/providers/catalogue.ts';
import type { Summary, SummaryCheck } from '../../../src/report/summary-reporter.ts';
import { readNight } from '../../../src/report/night-reading.ts';
import { cell, escapeMarkdown, renderMarkdown } from '../../../scripts/summary-markdown.ts';

const ROOT = resolve(import.meta.dirname, '..', '..', '..');
const TSX_CLI = join(dirname(createRequire(import.meta.url).resolve('tsx/package.json')), 'dist', 'cli.mjs');

interface TempDir {
  path: string;
  write(name: string, content: string): string;
  remove(): void;
}

function tempDir(prefix: string): TempDir {
  const path = mkdtempSync(join(tmpdir(), prefix));
  return {
    path,
    write(name, content) {
      const file = join(path, name);
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, content);
      return file;
    },
    remove: () => rmSync(path, { recursive: true, force: true }),
  };
}

/** `tsx <script> …args` in the project root, without the shell's profile keys or a CI step summary. */
function runTsx(args: string[], extraEnv: Record<string, string> = {}): { code: number | null; stdout: string; stderr: string } {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (value !== undefined && !/^(CONTRACT_|TWIN_|SPOTDRAFT_|SPREETAIL_|SPOTNANA_|NODE_TEST_CONTEXT$|GITHUB_STEP_SUMMARY$)/.test(key)) env[key] = value;
  }
  const result = spawnSync(process.execPath, [TSX_CLI, ...args], { cwd: ROOT, encoding: 'utf8', env: { ...env, FORCE_COLOR: '0', ...extraEnv }, timeout: 60_000 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

const describeRun = (run: { code: number | null; stdout: string; stderr: string }) => `exit ${run.code}\n--- stdout\n${run.stdout}\n--- stderr\n${run.stderr}`;

const WORKFLOWS = {
  nightly: join(ROOT, '.github', 'workflows', 'contracts-nightly.yml'),
  preflight: join(ROOT, '.github', 'workflows', 'preflight.yml'),
};

const temp = tempDir('contracts-ci-workflows-');
after(() => temp.remove());

/** Every error GitHub's workflow parser reports for a workflow text: schema, expressions and their contexts, cron, job graph. */
async function validate(name: string, content: string): Promise<string[]> {
  const result = parseWorkflow({ name, content }, new NoOperationTraceWriter());
  if (result.value) await convertWorkflowTemplate(result.context, result.value);
  return result.context.errors.getErrors().map((e) => e.message);
}

type Plain = string | number | boolean | null | Plain[] | { [key: string]: Plain };
type Obj = { [key: string]: Plain };

/** The parser's token tree as plain data; an expression becomes its source text (`${{ secrets.X }}`). */
function plain(token: TemplateToken): Plain {
  if (isMapping(token)) {
    const out: Obj = {};
    for (const pair of token) out[pair.key.toString()] = plain(pair.value);
    return out;
  }
  if (isSequence(token)) {
    const out: Plain[] = [];
    for (const item of token) out.push(plain(item));
    return out;
  }
  if (isBasicExpression(token)) return token.source ?? token.toDisplayString();
  if (isString(token) || isBoolean(token) || isNumber(token)) return token.value;
  return null;
}

function load(file: string): Obj {
  const result = parseWorkflow({ name: file, content: readFileSync(file, 'utf8') }, new NoOperationTraceWriter());
  assert.ok(result.value, `${file} did not parse`);
  return plain(result.value) as Obj;
}

const obj = (value: Plain | undefined, what: string): Obj => {
  assert.ok(value !== null && typeof value === 'object' && !Array.isArray(value), `${what} is not a mapping`);
  return value;
};
const list = (value: Plain | undefined, what: string): Plain[] => {
  assert.ok(Array.isArray(value), `${what} is not a sequence`);
  return value;
};
const steps = (job: Obj, what: string): Obj[] => list(job.steps, `${what}.steps`).map((s, i) => obj(s, `${what}.steps[${i}]`));
const usesOf = (job: Obj): string[] => steps(job, 'job').map((s) => String(s.uses ?? ''));

/** The step that runs `npm run <script>` in a job. */
function stepRunning(job: Obj, script: string): Obj {
  const found = steps(job, 'job').filter((s) => typeof s.run === 'string' && new RegExp(`npm run (--silent )?${script}\\b`).test(s.run));
  assert.equal(found.length, 1, `exactly one step runs npm run ${script}`);
  return found[0] as Obj;
}

/** Every credential key the profile accepts for a target prefix, and where the workflows take it from. */
function expectedMapping(): Record<string, string> {
  const expected: Record<string, string> = {};
  for (const prefix of [...new Set(TARGETS.map((t) => t.keyPrefix))]) {
    const provider = PROVIDERS.find((p) => prefix.startsWith(`${p.id.toUpperCase()}_`));
    assert.ok(provider, prefix);
    const secrets = ['CLIENT_ID', 'CLIENT_SECRET', ...(provider.userContext ? ['USER_EMAIL'] : [])];
    for (const field of secrets) expected[`${prefix}_${field}`] = `\${{ secrets.${prefix}_${field} }}`;
    for (const field of ['BASE_URL', 'SECRET_ROTATED_AT', 'EXPECTED_ACCOUNT']) expected[`${prefix}_${field}`] = `\${{ vars.${prefix}_${field} }}`;
  }
  return expected;
}

const PROVIDER_KEY = new RegExp(`^(${PROVIDERS.map((p) => p.id.toUpperCase()).join('|')})_`);

function providerEnv(step: Obj): Record<string, string> {
  const env = obj(step.env, 'step env');
  return Object.fromEntries(Object.entries(env).filter(([k]) => PROVIDER_KEY.test(k)).map(([k, v]) => [k, String(v)]));
}

describe('both workflow files pass GitHub\'s workflow parser', () => {
  for (const [name, file] of Object.entries(WORKFLOWS)) {
    test(`${name}: ${file.slice(ROOT.length + 1)} has no error`, async () => {
      assert.ok(existsSync(file), `${file} is missing`);
      assert.deepEqual(await validate(file, readFileSync(file, 'utf8')), []);
    });
  }

  test('the validator is real: it rejects a misspelt key, a context where it is not allowed, a broken cron and an unclosed expression', async () => {
    const good = readFileSync(WORKFLOWS.nightly, 'utf8');
    const broken: [string, string, RegExp][] = [
      ['timeout-minutes: 30', 'timeout-minuets: 30', /Unexpected value 'timeout-minuets'/],
      ['runs-on: ubuntu-latest', 'runs-on: ${{ secrets.RUNNER }}', /Unrecognized named-value: 'secrets'/],
      ["cron: '17 2 * * *'", "cron: '17 25 * * *'", /cron/i],
      ['SHARD: ${{ matrix.shard }}', 'SHARD: ${{ matrix.shard }', /not closed/],
    ];
    for (const [from, to, expected] of broken) {
      assert.ok(good.includes(from), `the workflow contains ${from}`);
      const errors = await validate('broken.yml', good.replace(from, to));
      assert.ok(errors.some((e) => expected.test(e)), `${to}: expected an error matching ${expected}, got ${JSON.stringify(errors)}`);
    }
  });
});

describe('contracts-nightly.yml', () => {
  const wf = load(WORKFLOWS.nightly);
  const jobs = obj(wf.jobs, 'jobs');
  const twin = obj(jobs.twin, 'jobs.twin');
  const contracts = obj(jobs.contracts, 'jobs.contracts');
  const report = obj(jobs.report, 'jobs.report');

  test('runs nightly and on demand, with environment and providers inputs', () => {
    const on = obj(wf.on, 'on');
    const cron = String(obj(list(on.schedule, 'schedule')[0], 'schedule[0]').cron);
    assert.match(cron, /^\d+ \d+ \* \* \*$/, 'once a day');
    const inputs = obj(obj(on.workflow_dispatch, 'workflow_dispatch').inputs, 'inputs');
    const environment = obj(inputs.environment, 'inputs.environment');
    assert.equal(environment.type, 'choice');
    assert.deepEqual(list(environment.options, 'options').filter((o) => o === 'uat' || o === 'prod').sort(), ['prod', 'uat']);
    assert.equal(obj(inputs.providers, 'inputs.providers').type, 'string');
  });

  test('has a concurrency group, and a timeout on every job', () => {
    const concurrency = obj(wf.concurrency, 'concurrency');
    assert.match(String(concurrency.group), /github\.ref/);
    assert.equal(concurrency['cancel-in-progress'], false, 'a running night is never cancelled by the next');
    for (const [id, job] of Object.entries(jobs)) {
      const minutes = Number(obj(job, id)['timeout-minutes']);
      assert.ok(minutes > 0 && minutes <= 60, `${id} has timeout-minutes (${minutes})`);
    }
  });

  test('the twin self-check runs first, without CONTRACT_ENV or any secret', () => {
    stepRunning(twin, 'contracts');
    const text = JSON.stringify(twin);
    assert.doesNotMatch(text, /CONTRACT_ENV|secrets\.|environment/, 'twin mode: no live environment, no secret');
    assert.equal(contracts.needs, 'twin', 'the live shards wait for the twin self-check');
  });

  test('live jobs: a matrix of environments × shards, each shard --shard=i/SHARD_TOTAL in the GitHub environment of its name', () => {
    const strategy = obj(contracts.strategy, 'strategy');
    assert.equal(strategy['fail-fast'], false, 'one red shard does not cancel the others');
    const matrix = obj(strategy.matrix, 'matrix');
    const total = Number(obj(wf.env, 'env').SHARD_TOTAL);
    assert.ok(total >= 2, 'SHARD_TOTAL');
    assert.deepEqual(list(matrix.shard, 'matrix.shard'), Array.from({ length: total }, (_, i) => i + 1), 'shards 1..SHARD_TOTAL');
    assert.match(String(matrix.environment), /inputs\.environment/);
    assert.match(String(matrix.environment), /\["uat","prod"\]/, 'the nightly (no input) runs both environments');
    assert.equal(obj(obj(report.strategy, 'report.strategy').matrix, 'report.matrix').environment, matrix.environment, 'the report job merges the same environments');
    assert.equal(contracts.environment, '${{ matrix.environment }}', 'secrets come from the GitHub environment (prod protected there)');
    const suite = stepRunning(contracts, 'contracts');
    assert.match(String(suite.run), /--shard=\$SHARD\/\$SHARD_TOTAL/);
    assert.equal(obj(suite.env, 'env').CONTRACT_ENV, '${{ matrix.environment }}');
    assert.equal(obj(suite.env, 'env').SHARD, '${{ matrix.shard }}');
  });

  test('each shard uploads its summary.json and allure-results, only after the secret scan passed', () => {
    const upload = steps(contracts, 'contracts').find((s) => String(s.uses).startsWith('actions/upload-artifact@'));
    assert.ok(upload, 'an upload step');
    const withs = obj(upload.with, 'with');
    assert.equal(withs.name, 'contracts-${{ matrix.environment }}-shard-${{ matrix.shard }}');
    assert.deepEqual(String(withs.path).trim().split('\n'), ['reports/summary.json', 'reports/allure-results/']);
    assert.match(String(upload.if), /steps\.suite\.outputs\.scan == 'clean'/);
    assert.match(String(stepRunning(contracts, 'scan:secrets').run), /scan=clean/);
  });

  test('the report job merges the shards, restores and saves the history through the cache, uploads the report and writes the job summary', () => {
    assert.equal(report.needs, 'contracts');
    assert.match(String(report.if), /!cancelled\(\)/, 'runs when a shard failed too');
    const all = steps(report, 'report');
    const uses = usesOf(report);
    const download = obj(all.find((s) => String(s.uses).startsWith('actions/download-artifact@'))?.with, 'download.with');
    assert.equal(download.pattern, 'contracts-${{ matrix.environment }}-shard-*');
    const restore = all.findIndex((s) => String(s.uses).startsWith('actions/cache/restore@'));
    const save = all.findIndex((s) => String(s.uses).startsWith('actions/cache/save@'));
    const merge = all.findIndex((s) => /npm run merge-reports/.test(String(s.run)));
    assert.ok(restore >= 0 && restore < merge && merge < save, `restore, merge, save in that order (${uses.join(', ')})`);
    const restoreWith = obj(all[restore]?.with, 'restore.with');
    const saveWith = obj(all[save]?.with, 'save.with');
    assert.equal(restoreWith.path, 'reports/history.jsonl');
    assert.equal(saveWith.path, 'reports/history.jsonl');
    assert.equal(restoreWith.key, saveWith.key, 'saved under the key it was restored for');
    assert.match(String(restoreWith['restore-keys']), /contracts-history-\$\{\{ matrix\.environment \}\}-/, 'falls back to the latest night of the same environment');
    assert.match(String(all[save]?.if), /!cancelled\(\)/, 'the history is saved after a red night too');
    const mergeRun = String(all[merge]?.run);
    assert.match(mergeRun, /--shards "\$SHARD_TOTAL"/, 'a missing shard is an error');
    assert.match(mergeRun, /--history reports\/history\.jsonl/);
    const upload = obj(all.find((s) => String(s.uses).startsWith('actions/upload-artifact@'))?.with, 'upload.with');
    assert.match(String(upload.path), /reports\/allure-report\//);
    const summary = stepRunning(report, 'summary:markdown');
    assert.match(String(summary.if), /!cancelled\(\)/);
    assert.match(String(summary.run), /reports\/summary\.json/);
  });

  test('the drift job fetches the vendors\' documents, compares with the last night through the cache, and writes the job summary', () => {
    const drift = obj(jobs.drift, 'jobs.drift');
    assert.equal(drift.needs, undefined, 'independent of the live jobs: a vendor change is reported even on a night the partners are down');
    assert.doesNotMatch(JSON.stringify(drift), /secrets\.|environment/, 'no secret, no GitHub environment');
    const all = steps(drift, 'drift');
    const run = stepRunning(drift, 'drift');
    assert.match(String(run.run), /npm run drift -- --fetch --previous reports\/drift-previous\.json/);
    const restore = all.findIndex((s) => String(s.uses).startsWith('actions/cache/restore@'));
    const save = all.findIndex((s) => String(s.uses).startsWith('actions/cache/save@'));
    const runs = all.indexOf(run);
    assert.ok(restore >= 0 && restore < runs && runs < save, 'restore, drift, save in that order');
    assert.equal(obj(all[restore]?.with, 'restore.with').path, 'reports/drift-previous.json');
    assert.equal(obj(all[restore]?.with, 'restore.with').key, obj(all[save]?.with, 'save.with').key);
    assert.match(String(all[save]?.if), /!cancelled\(\)/, 'saved after a red night too');
    const summary = all.find((s) => /GITHUB_STEP_SUMMARY/.test(String(s.run)));
    assert.match(String(summary?.run), /reports\/drift\.md/);
    assert.match(String(summary?.if), /!cancelled\(\)/);
    const env = obj(run.env, 'drift env');
    for (const document of PROVIDERS.flatMap((p) => p.vendorDocuments)) {
      const key = vendorUrlVariable(document.file);
      assert.equal(env[key], `\${{ vars.${key} }}`, `${document.file}: its address can be overridden by the repository variable ${key}`);
    }
    assert.equal(Object.keys(env).length, PROVIDERS.flatMap((p) => p.vendorDocuments).length, 'nothing else reaches the drift step');
  });

  test('the report can go to GitHub Pages, off unless asked for', () => {
    const pages = obj(jobs.pages, 'jobs.pages');
    assert.match(String(pages.if), /vars\.CONTRACTS_PAGES == 'true'/);
    assert.ok(usesOf(pages).some((u) => u.startsWith('actions/deploy-pages@')));
  });
});

describe('preflight.yml', () => {
  const wf = load(WORKFLOWS.preflight);
  const on = obj(wf.on, 'on');
  const jobs = obj(wf.jobs, 'jobs');

  test('manual only, one environment at a time, through npm run preflight -- --env', () => {
    assert.deepEqual(Object.keys(on), ['workflow_dispatch'], 'no schedule, no push');
    const environment = obj(obj(obj(on.workflow_dispatch, 'workflow_dispatch').inputs, 'inputs').environment, 'inputs.environment');
    assert.equal(environment.type, 'choice');
    assert.deepEqual(list(environment.options, 'options'), ['uat', 'prod']);
    assert.equal(environment.required, true);
    assert.deepEqual(Object.keys(jobs), ['preflight']);
    const job = obj(jobs.preflight, 'preflight');
    assert.equal(job.environment, '${{ inputs.environment }}');
    assert.ok(Number(job['timeout-minutes']) > 0);
    assert.match(String(obj(wf.concurrency, 'concurrency').group), /inputs\.environment/);
    const step = stepRunning(job, 'preflight');
    assert.match(String(step.run), /args=\(--env "\$ENVIRONMENT"\)/);
    assert.equal(obj(step.env, 'env').ENVIRONMENT, '${{ inputs.environment }}');
  });
});

describe('the runtime: Node 24 LTS in every job, within package.json\'s engines', () => {
  const engines = String((JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { engines?: { node?: string } }).engines?.node);

  test('engines allows Node 20 to 24', () => {
    assert.match(engines, /^>=20(\.\d+)*\s*<25(\.\d+)*$/, engines);
  });

  for (const [name, file] of Object.entries(WORKFLOWS)) {
    test(`${name}: every job that sets up Node sets up 24`, () => {
      for (const [id, job] of Object.entries(obj(load(file).jobs, 'jobs'))) {
        for (const step of steps(obj(job, id), id).filter((s) => String(s.uses ?? '').startsWith('actions/setup-node@'))) {
          assert.equal(String(obj(step.with, `${id} setup-node with`)['node-version']), '24', `${name} ${id}`);
        }
      }
    });
  }
});

describe('credentials: every key of every target in the catalogue, mapped in the step that needs it and nowhere else', () => {
  const nightly = load(WORKFLOWS.nightly);
  const preflight = load(WORKFLOWS.preflight);
  const expected = expectedMapping();
  const cases: [string, Obj, string][] = [
    ['contracts-nightly.yml contracts', obj(obj(nightly.jobs, 'jobs').contracts, 'contracts'), 'contracts'],
    ['preflight.yml preflight', obj(obj(preflight.jobs, 'jobs').preflight, 'preflight'), 'preflight'],
  ];

  test('the expected mapping covers <PREFIX>_CLIENT_ID and _CLIENT_SECRET of all 6 prefixes (12 targets)', () => {
    const prefixes = [...new Set(TARGETS.map((t) => t.keyPrefix))];
    assert.equal(TARGETS.length, 12);
    assert.deepEqual(prefixes, ['SPOTDRAFT_IN', 'SPOTDRAFT_US', 'SPOTDRAFT_ME', 'SPOTDRAFT_EU', 'SPREETAIL_EU', 'SPOTNANA_GLOBAL']);
    for (const prefix of prefixes) {
      assert.equal(expected[`${prefix}_CLIENT_ID`], `\${{ secrets.${prefix}_CLIENT_ID }}`);
      assert.equal(expected[`${prefix}_CLIENT_SECRET`], `\${{ secrets.${prefix}_CLIENT_SECRET }}`);
    }
  });

  for (const [name, job, script] of cases) {
    test(`${name}: the suite's step maps exactly the catalogue's keys, each from its own secret or variable`, () => {
      assert.deepEqual(providerEnv(stepRunning(job, script)), expected);
    });

    test(`${name}: no secret anywhere but that step (not in npm ci, not job-wide)`, () => {
      const suite = stepRunning(job, script);
      const elsewhere = JSON.stringify({ ...job, steps: steps(job, name).filter((s) => s !== suite) });
      assert.doesNotMatch(elsewhere, /secrets\./);
      assert.ok(!('env' in job), 'no job-level env');
    });

    test(`${name}: shell steps take inputs through env, never as \${{ }} inside the script`, () => {
      for (const step of steps(job, name)) if (typeof step.run === 'string') assert.doesNotMatch(step.run, /\$\{\{/, String(step.name ?? step.run));
    });
  }
});

/** Evaluates the `${{ path }}` expressions of a step's env from a flat context (unknown secrets/vars: "", as GitHub does). */
function evaluateEnv(env: Obj, context: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, raw] of Object.entries(env)) {
    out[key] = String(raw).replace(/\$\{\{\s*([\w.-]+)\s*\}\}/g, (_, path: string) => {
      if (path in context) return context[path] as string;
      if (/^(secrets|vars)\./.test(path)) return '';
      throw new Error(`no value for ${path} in ${key}`);
    });
    assert.doesNotMatch(out[key] as string, /\$\{\{/, `${key}: an expression the simulation cannot evaluate: ${String(raw)}`);
  }
  return out;
}

interface StepRun {
  code: number | null;
  output: string;
  calls: { args: string[]; env: Record<string, string> }[];
  githubOutput: string;
  stepSummary: string;
}

/** Runs a workflow step's bash script here, with a stand-in `npm` that records its arguments and provider variables. */
function runStep(step: Obj, env: Record<string, string>, npmExits: Record<string, number> = {}): StepRun {
  const dir = tempDir('contracts-ci-step-');
  try {
    const log = join(dir.path, 'npm.log');
    const npm = dir.write('bin/npm', [
      '#!/usr/bin/env bash',
      '{ printf "CALL"; printf "\\t%s" "$@"; printf "\\n"; env | grep -E "^(SPOTDRAFT|SPREETAIL|SPOTNANA|VENDOR_OPENAPI)_" | sort | sed "s/^/ENV\\t/"; } >> "$FAKE_NPM_LOG"',
      'for arg in "$@"; do case "$arg" in contracts) exit "${FAKE_EXIT_CONTRACTS:-0}";; scan:secrets) exit "${FAKE_EXIT_SCAN:-0}";; drift) exit "${FAKE_EXIT_DRIFT:-0}";; preflight) echo "target  auth"; exit "${FAKE_EXIT_PREFLIGHT:-0}";; esac; done',
      '',
    ].join('\n'));
    chmodSync(npm, 0o755);
    const script = dir.write('step.sh', String(step.run));
    const githubOutput = dir.write('github-output', '');
    const stepSummary = dir.write('step-summary.md', '');
    const result = spawnSync('bash', ['-e', script], {
      cwd: dir.path,
      encoding: 'utf8',
      env: {
        PATH: `${join(dir.path, 'bin')}:/usr/bin:/bin`,
        HOME: dir.path,
        GITHUB_OUTPUT: githubOutput,
        GITHUB_STEP_SUMMARY: stepSummary,
        FAKE_NPM_LOG: log,
        ...Object.fromEntries(Object.entries(npmExits).map(([k, v]) => [`FAKE_EXIT_${k.toUpperCase()}`, String(v)])),
        ...env,
      },
    });
    const calls: StepRun['calls'] = [];
    for (const line of existsSync(log) ? readFileSync(log, 'utf8').split('\n') : []) {
      const [kind, ...rest] = line.split('\t');
      if (kind === 'CALL') calls.push({ args: rest, env: {} });
      else if (kind === 'ENV' && calls.length > 0) {
        const [key, ...value] = rest.join('\t').split('=');
        (calls.at(-1) as StepRun['calls'][number]).env[key as string] = value.join('=');
      }
    }
    return {
      code: result.status,
      output: `${result.stdout}${result.stderr}`,
      calls,
      githubOutput: readFileSync(githubOutput, 'utf8'),
      stepSummary: readFileSync(stepSummary, 'utf8'),
    };
  } finally {
    dir.remove();
  }
}

describe('the shell steps, run here with a stand-in npm', () => {
  const nightly = load(WORKFLOWS.nightly);
  const contracts = obj(obj(nightly.jobs, 'jobs').contracts, 'contracts');
  const suite = stepRunning(contracts, 'contracts');
  const preflightJob = obj(obj(load(WORKFLOWS.preflight).jobs, 'jobs').preflight, 'preflight');
  const preflight = stepRunning(preflightJob, 'preflight');
  // Two targets configured in the GitHub environment; every other secret and variable unset.
  const configured = {
    'secrets.SPOTDRAFT_US_CLIENT_ID': 'us-client-id',
    'secrets.SPOTDRAFT_US_CLIENT_SECRET': 'us-client-secret',
    'vars.SPOTDRAFT_US_EXPECTED_ACCOUNT': 'Acme Legal',
    'secrets.SPOTNANA_GLOBAL_CLIENT_ID': 'sn-client-id',
    'secrets.SPOTNANA_GLOBAL_CLIENT_SECRET': 'sn-client-secret',
  };
  const workflowEnv = Object.fromEntries(Object.entries(obj(nightly.env, 'env')).map(([k, v]) => [k, String(v)]));

  test('a nightly shard: empty secrets are dropped, the shard and the chosen providers reach npm run contracts, then the scan', () => {
    const env = evaluateEnv(obj(suite.env, 'env'), { ...configured, 'matrix.environment': 'prod', 'matrix.shard': '2', 'inputs.providers': 'spotdraft, spotnana' });
    const run = runStep(suite, { ...workflowEnv, ...env });
    assert.equal(run.code, 0, run.output);
    assert.deepEqual(run.calls.map((c) => c.args), [
      ['run', 'contracts', '--', `--shard=2/${workflowEnv.SHARD_TOTAL}`, '--project=spotdraft-*', '--project=spotnana-*'],
      ['run', 'scan:secrets', '--', '--dir', 'reports'],
    ]);
    assert.deepEqual(run.calls[0]?.env, {
      SPOTDRAFT_US_CLIENT_ID: 'us-client-id',
      SPOTDRAFT_US_CLIENT_SECRET: 'us-client-secret',
      SPOTDRAFT_US_EXPECTED_ACCOUNT: 'Acme Legal',
      SPOTNANA_GLOBAL_CLIENT_ID: 'sn-client-id',
      SPOTNANA_GLOBAL_CLIENT_SECRET: 'sn-client-secret',
    }, 'only the set keys reach the suite: an unset secret is absent, not ""');
    assert.match(run.githubOutput, /^scan=clean$/m);
  });

  test('a nightly shard without a providers input runs every project; a failed contract fails the step, the upload still allowed', () => {
    const env = evaluateEnv(obj(suite.env, 'env'), { ...configured, 'matrix.environment': 'uat', 'matrix.shard': '3', 'inputs.providers': '' });
    const run = runStep(suite, { ...workflowEnv, ...env }, { contracts: 1 });
    assert.equal(run.code, 1, run.output);
    assert.deepEqual(run.calls[0]?.args, ['run', 'contracts', '--', `--shard=3/${workflowEnv.SHARD_TOTAL}`]);
    assert.match(run.githubOutput, /^scan=clean$/m);
  });

  test('a secret found in the reports fails the step and withholds the upload', () => {
    const env = evaluateEnv(obj(suite.env, 'env'), { ...configured, 'matrix.environment': 'uat', 'matrix.shard': '1', 'inputs.providers': '' });
    const run = runStep(suite, { ...workflowEnv, ...env }, { scan: 1 });
    assert.equal(run.code, 1, run.output);
    assert.doesNotMatch(run.githubOutput, /scan=clean/);
  });

  test('a providers input that is not a name stops the step before the suite (exit 2)', () => {
    const env = evaluateEnv(obj(suite.env, 'env'), { ...configured, 'matrix.environment': 'uat', 'matrix.shard': '1', 'inputs.providers': 'spotdraft; rm -rf /' });
    const run = runStep(suite, { ...workflowEnv, ...env });
    assert.equal(run.code, 2, run.output);
    assert.deepEqual(run.calls, []);
    assert.match(run.output, /is not a provider name/);
  });

  test('drift: unset address variables are dropped, a set one reaches npm run drift; an ERR (exit 1) fails the step', () => {
    const drift = stepRunning(obj(obj(nightly.jobs, 'jobs').drift, 'drift'), 'drift');
    const env = evaluateEnv(obj(drift.env, 'env'), { 'vars.VENDOR_OPENAPI_URL_SPOTNANA_USERS_OPENAPI_JSON': 'https://mirror.example/users.json' });
    const run = runStep(drift, env, { drift: 1 });
    assert.equal(run.code, 1, run.output);
    assert.deepEqual(run.calls.map((c) => c.args), [['run', 'drift', '--', '--fetch', '--previous', 'reports/drift-previous.json']]);
    assert.deepEqual(run.calls[0]?.env, { VENDOR_OPENAPI_URL_SPOTNANA_USERS_OPENAPI_JSON: 'https://mirror.example/users.json' }, 'an unset variable is absent, not ""');
  });

  test('preflight: --env, --provider per provider and --strict reach npm run preflight; its output goes to the job summary', () => {
    const env = evaluateEnv(obj(preflight.env, 'env'), { ...configured, 'inputs.environment': 'prod', 'inputs.providers': 'spotdraft', 'inputs.strict': 'true' });
    const run = runStep(preflight, env, { preflight: 1 });
    assert.equal(run.code, 1, run.output);
    assert.deepEqual(run.calls[0]?.args, ['run', '--silent', 'preflight', '--', '--env', 'prod', '--provider', 'spotdraft', '--strict']);
    assert.equal(run.calls[0]?.env.SPOTDRAFT_IN_CLIENT_ID, undefined);
    assert.equal(run.calls[0]?.env.SPOTDRAFT_US_CLIENT_SECRET, 'us-client-secret');
    assert.match(run.stepSummary, /### Preflight · prod — ❌ exit 1/);
    assert.match(run.stepSummary, /target {2}auth/);
  });
});

describe('the scripts the workflows call exist', () => {
  const scripts = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;
  for (const name of ['contracts', 'preflight', 'scan:secrets', 'merge-reports', 'summary:markdown', 'drift']) {
    test(`npm run ${name}`, () => assert.ok(scripts[name], `package.json has no "${name}" script`));
  }
});

describe('job summary markdown (scripts/summary-markdown.ts)', () => {
  const check = (id: string, family: string, status: SummaryCheck['status'], reason?: string): SummaryCheck => ({
    id, title: id, family, status, durationMs: 1, ...(reason ? { reason } : {}),
  });
  const summary: Summary = readNight({ generatedAt: '2026-01-01T00:00:00.000Z', status: 'failed' }, [
      {
        target: 'spotdraft-us-uat', provider: 'spotdraft', region: 'us', environment: 'uat',
        checks: [
          check('host.tls', 'host', 'passed'), check('host.cross-region', 'host', 'passed'),
          check('auth.missing-secret', 'auth', 'failed', '[auth-rejected] spotdraft-us-uat: a missing secret is rejected — expected 401, got 200 (GET api.us.spotdraft.com /api/v2.1/x_y)'),
          check('auth.both', 'auth', 'passed'), check('token.lifetime', 'token', 'skipped', 'no token in this scheme'),
        ],
      },
      {
        target: 'spotnana-global-uat', provider: 'spotnana', region: 'global', environment: 'uat',
        checks: [check('host.tls', 'host', 'passed'), check('redirect.slash', 'redirect', 'passed'), check('schema.trips', 'schema', 'passed'), check('token.lifetime', 'token', 'passed'), check('auth.bad', 'auth', 'passed')],
      },
  ], { knownIssues: [], history: [] });

  test('cells: passed count, failed/total, skipped, none', () => {
    assert.equal(cell([check('a', 'host', 'passed'), check('b', 'host', 'passed')]), '✅ 2');
    assert.equal(cell([check('a', 'auth', 'failed'), check('b', 'auth', 'passed'), check('c', 'auth', 'passed')]), '❌ 1/3');
    assert.equal(cell([check('a', 'token', 'skipped')]), '⏭ 1');
    assert.equal(cell([check('a', 'token', 'passed'), check('b', 'token', 'skipped')]), '✅ 1 ⏭ 1');
    assert.equal(cell([]), '—');
  });

  test('a table of targets × the families that ran, then each failure with its one-line reason', () => {
    const markdown = renderMarkdown(summary, { title: 'Nightly contracts · uat', reportUrl: 'https://example.invalid/artifact' });
    const lines = markdown.split('\n');
    assert.equal(lines[0], '### Nightly contracts · uat — ❌ 1 of 10 checks failed');
    assert.ok(lines.includes('| target | host | redirect | auth | token | schema |'), markdown);
    assert.ok(lines.includes('| `spotdraft-us-uat` | ✅ 2 | — | ❌ 1/2 | ⏭ 1 | — |'), markdown);
    assert.ok(lines.includes('| `spotnana-global-uat` | ✅ 1 | ✅ 1 | ✅ 1 | ✅ 1 | ✅ 1 |'), markdown);
    assert.ok(lines.includes('#### Failures (1)'), markdown);
    // No history in this summary: every failure is new.
    assert.ok(lines.includes('- `spotdraft-us-uat` · auth · `auth.missing-secret` · **new** — \\[auth-rejected\\] spotdraft-us-uat: a missing secret is rejected — expected 401, got 200 (GET api.us.spotdraft.com /api/v2.1/x\\_y)'), markdown);
    assert.ok(lines.includes('2 targets · 8 passed · 1 failed · 0 known · 0 degraded · 1 skipped'), markdown);
    assert.ok(markdown.includes('Full report: [Allure report](https://example.invalid/artifact)'));
    assert.match(markdown, /<details><summary>Skipped \(1\)<\/summary>/);
  });

  test('text from a response cannot inject markdown or HTML', () => {
    assert.equal(escapeMarkdown('<img src=x> *bold* `code` a|b [link](x)\nnext'), '&lt;img src=x&gt; \\*bold\\* \\`code\\` a\\|b \\[link\\](x) next');
  });

  test('the CLI appends to $GITHUB_STEP_SUMMARY when set, else prints; a missing summary.json says so', () => {
    const file = temp.write('summary.json', JSON.stringify(summary));
    const stepSummary = temp.write('step-summary.md', '# earlier step\n');
    const toFile = runTsx(['scripts/summary-markdown.ts', '--title', 'Nightly contracts · uat', file], { GITHUB_STEP_SUMMARY: stepSummary });
    assert.equal(toFile.code, 0, describeRun(toFile));
    const written = readFileSync(stepSummary, 'utf8');
    assert.ok(written.startsWith('# earlier step\n### Nightly contracts · uat — ❌ 1 of 10 checks failed'), written);
    const toStdout = runTsx(['scripts/summary-markdown.ts', '--title', 'Nightly contracts · uat', file]);
    assert.equal(toStdout.code, 0, describeRun(toStdout));
    assert.equal(toStdout.stdout, renderMarkdown(summary, { title: 'Nightly contracts · uat' }));
    const missing = runTsx(['scripts/summary-markdown.ts', join(temp.path, 'nothing.json')]);
    assert.equal(missing.code, 0, describeRun(missing));
    assert.match(missing.stdout, /no summary/);
  });
});
