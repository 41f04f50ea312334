/**
 * What actually flows, held against the vendors' own documents: the suite in live mode, uat and then prod, through a
 * twin whose every exchange is judged in this process (src/vendor/conformance.ts). The twin here enforces the
 * vendors' schemas: a request their request schema rejects is refused with 400, an answer their response schema
 * rejects is replaced by a 502 — unless a declared divergence covers it. So a green run means the suite's requests and
 * the twin's answers are both what the vendors document, and the counts say how much was checked.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { PROVIDERS } from '../../../src/providers/catalogue.ts';
import { Conformance, describeViolation, distinctViolations, type ConformanceViolation } from '../../../src/vendor/conformance.ts';
import { startTwin, type RunningTwin } from '../../../twin/server.ts';
import type { TwinResponse } from '../../../twin/types.ts';
import { assertCleanSummary, TARGET_IDS } from '../helpers/expectations.ts';
import { ROOT } from '../helpers/paths.ts';
import { cleanEnv, describeRun, readSummary, runContracts } from '../helpers/processes.ts';
import { tempDir, twinCredentials } from '../helpers/profiles.ts';
import { loadAllVendorDocuments, observedExchange, projectDivergences, vendorFolderMissing } from '../helpers/vendor.ts';

const missing = vendorFolderMissing();
const dir = tempDir('contracts-conformance-');
let twin: RunningTwin | undefined;
let conformance: Conformance | undefined;

function refusal(violations: ConformanceViolation[], status: number): TwinResponse {
  return { status, headers: { 'content-type': 'application/json' }, body: { error: 'the vendor document forbids this exchange', violations: violations.map(describeViolation) }, auth: 'none' };
}

before(async () => {
  if (missing) return;
  const judge = new Conformance(PROVIDERS, await loadAllVendorDocuments(), projectDivergences());
  conformance = judge;
  twin = await startTwin({
    root: ROOT,
    exchangeGate: (req, answer) => {
      const violations = judge.observe(observedExchange(req, answer));
      if (violations.length === 0) return answer;
      return refusal(violations, violations.some((v) => v.direction === 'request') ? 400 : 502);
    },
  });
});
after(async () => {
  await twin?.stop();
  dir.remove();
});

describe('conformance with the vendors\' documents', () => {
  for (const environment of ['uat', 'prod'] as const) {
    test(`CONTRACT_ENV=${environment}: green live against an emulator that enforces the vendors' schemas`, { timeout: 300_000, skip: missing && !process.env.CI ? missing : false }, async (t) => {
      assert.equal(missing, undefined, `CI always has the vendor documents: ${missing}`);
      assert.ok(twin && conformance);
      const mark = conformance.mark();
      const env = cleanEnv({
        ...twinCredentials(environment),
        CONTRACT_ENV: environment, HTTPS_PROXY: twin.proxyUrl, NODE_EXTRA_CA_CERTS: twin.caFile, CONTRACT_TWIN_ADMIN_URL: twin.adminUrl,
        CONTRACT_PROFILE_DIR: join(dir.path, `no-profile-${environment}`),
        // Every deliberate divergence must be sent to be seen: the prod budget of failing authentication attempts
        // (tests/self/integration/live-through-twin-proxy.test.ts holds it) would leave some checks unsent.
        CONTRACT_PROD_NEGATIVE_AUTH_LIMIT: '100',
      });
      const out = join(dir.path, `out-${environment}`);
      const run = await runContracts(env, out);
      const undeclared = conformance.violations.slice(mark.violations).filter((v) => !v.declared);
      t.diagnostic(`${environment}: ${conformance.summary(mark)}`);
      console.log(`conformance ${environment}: ${conformance.summary(mark)}`);
      assert.deepEqual(distinctViolations(undeclared), [], 'no undeclared violation of a vendor document');
      assert.equal(run.code, 0, describeRun(run));
      assertCleanSummary(readSummary(out), TARGET_IDS[environment]);
    });
  }

  test('requests and answers were checked in number, every deliberate divergence was seen, and the counts are printed', { skip: missing && !process.env.CI ? missing : false }, (t) => {
    assert.ok(conformance);
    const { requestsChecked, answersChecked } = conformance.counts;
    const line = `${conformance.summary()} (${conformance.violations.length - conformance.undeclared('request').length - conformance.undeclared('response').length} covered by ${conformance.declaredUse.size} declared divergences)`;
    t.diagnostic(line);
    console.log(`conformance uat+prod: ${line}`);
    const used = [...conformance.declaredUse.keys()].map((d) => JSON.stringify(d));
    const unseen = projectDivergences().filter((d) => d.kind === 'deliberate' && !used.includes(JSON.stringify(d)));
    assert.deepEqual(unseen, [], 'a deliberate divergence the suite no longer sends is a stale declaration');
    assert.ok(requestsChecked > 100, `requests checked: ${requestsChecked}`);
    assert.ok(answersChecked > 100, `answers checked: ${answersChecked}`);
    assert.equal(conformance.undeclared('request').length + conformance.undeclared('response').length, 0);
  });
});
