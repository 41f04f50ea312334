/** The generated spec folders (src/target-specs.ts) and the order reports list targets in (src/report/target-order.ts). */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { FAMILIES } from '../../../src/checks/check.ts';
import { loadProfile } from '../../../src/config/profile.ts';
import { byTargetOrder } from '../../../src/report/target-order.ts';
import { TARGET_SPEC_FILES, targetSpecsDir, writeTargetSpecs } from '../../../src/target-specs.ts';
import { ROOT } from '../helpers/paths.ts';
import { tempDir } from '../helpers/profiles.ts';

const out = tempDir('target-specs-');
after(() => out.remove());

describe('generated spec folders', () => {
  test('one spec per family, registering that family for that target only; a second write changes nothing', () => {
    writeTargetSpecs(out.path, ['spotdraft-us-uat', 'spotnana-global-prod-ws3']);
    for (const id of ['spotdraft-us-uat', 'spotnana-global-prod-ws3']) {
      const dir = targetSpecsDir(out.path, id);
      assert.deepEqual(readdirSync(dir).sort(), [...TARGET_SPEC_FILES].sort());
      for (const family of FAMILIES) {
        assert.match(readFileSync(join(dir, `${family}.spec.ts`), 'utf8'), new RegExp(`^registerFamily\\('${family}', '${id}'\\);$`, 'm'));
      }
    }
    const file = join(targetSpecsDir(out.path, 'spotdraft-us-uat'), 'auth.spec.ts');
    const written = statSync(file).mtimeMs;
    writeTargetSpecs(out.path, ['spotdraft-us-uat']);
    assert.equal(statSync(file).mtimeMs, written, 'an up-to-date spec is not rewritten');
    assert.deepEqual(readdirSync(targetSpecsDir(out.path, 'spotdraft-us-uat')).filter((f) => f.endsWith('.tmp')), [], 'no temporary file left');
  });
});

describe('report order', () => {
  test('is the profile\'s order (workspace, environment, catalogue), whatever order the run scheduled', () => {
    const profile = loadProfile({ root: ROOT, env: { CONTRACT_TWIN_WORKSPACES: '3' } });
    const ids = profile.targets.map((tp) => tp.target.id);
    assert.equal(ids.length, 36);
    assert.deepEqual([...ids].reverse().sort(byTargetOrder), ids);
  });

  test('an id outside the catalogue goes last, by name', () => {
    assert.deepEqual(['zz-unknown', 'spotnana-global-prod', 'aa-unknown', 'spotdraft-us-uat'].sort(byTargetOrder),
      ['spotdraft-us-uat', 'spotnana-global-prod', 'aa-unknown', 'zz-unknown']);
  });
});
