/**
 * The twin and the vendor oracle stay two independent witnesses: nothing the twin loads (its modules and everything
 * they import) reaches the vendor documents, the suite's own schemas or a validator over them; and nothing a live run
 * loads (the config, fixtures and checks) reaches the vendor documents, so a night never depends on them.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { ROOT } from '../helpers/paths.ts';

const IMPORT = /(?:^|\s)(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|require\(\s*['"]([^'"]+)['"]\s*\)/g;

function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(IMPORT)].map((m) => m[1] ?? m[2] ?? m[3] ?? '').filter(Boolean);
}

/** Every project file `entries` load, following relative imports; packages are listed by name. */
function closure(entries: string[]): { files: Set<string>; packages: Set<string> } {
  const files = new Set<string>();
  const packages = new Set<string>();
  const stack = [...entries];
  while (stack.length > 0) {
    const file = stack.pop() as string;
    if (files.has(file)) continue;
    files.add(file);
    for (const specifier of importsOf(file)) {
      if (specifier.startsWith('.')) {
        const target = resolve(dirname(file), specifier);
        if (existsSync(target) && statSync(target).isFile()) stack.push(target);
      } else if (!specifier.startsWith('node:')) {
        packages.add(specifier.startsWith('@') ? specifier.split('/').slice(0, 2).join('/') : (specifier.split('/')[0] as string));
      }
    }
  }
  return { files, packages };
}

function sourcesIn(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts')).map((f) => join(dir, f));
}

const rel = (file: string) => relative(ROOT, file);

describe('two independent witnesses', () => {
  test('the twin loads neither the vendor documents nor the suite\'s schemas, nor any validator of them', () => {
    const { files, packages } = closure(sourcesIn(join(ROOT, 'twin')));
    const reached = [...files].map(rel);
    assert.deepEqual(reached.filter((f) => /^src\/(vendor|contracts)\//.test(f)), [], 'no module of src/vendor or src/contracts');
    assert.deepEqual([...packages].filter((p) => ['@readme/openapi-parser', 'ajv', 'ajv-formats'].includes(p)), [], 'no OpenAPI parser or JSON Schema validator');
    for (const file of files) {
      // Code, not comments: a descriptor may say in prose where the documents are.
      const text = readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`])\/\/.*$/gm, '$1');
      assert.doesNotMatch(text, /vendor-openapi|VENDOR_OPENAPI|schemas\/[a-z-]+\.json|['"]schemas['"]/, `${rel(file)} names the vendor documents or the suite's schemas`);
    }
  });

  test("the probe's test receivers verify with code of their own: nothing of src/ (src/webhooks above all)", () => {
    const { files } = closure([join(ROOT, 'tests', 'self', 'helpers', 'webhook-receivers.ts')]);
    assert.deepEqual([...files].map(rel).filter((f) => f.startsWith('src/')), [], 'the receivers and the probe are two witnesses of how a partner signs');
  });

  test('a live run never loads a vendor document: the config, fixtures and checks do not import src/vendor', () => {
    const entries = [join(ROOT, 'playwright.config.ts'), join(ROOT, 'src', 'fixtures.ts'), join(ROOT, 'src', 'register.ts'), ...sourcesIn(join(ROOT, 'src', 'checks'))];
    const { files, packages } = closure(entries);
    assert.deepEqual([...files].map(rel).filter((f) => f.startsWith('src/vendor/')), []);
    assert.ok(!packages.has('@readme/openapi-parser'), 'the OpenAPI parser is not loaded');
  });
});
