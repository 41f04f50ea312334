/**
 * Preloaded into Playwright's runner and each worker (`--import` in NODE_OPTIONS: scripts/run-playwright.ts for the
 * runner, playwright.config.ts for the workers): Playwright's two large bundles, playwright-core/lib/coreBundle.js
 * and utilsBundle.js (~7 MB of JavaScript), are compiled from a V8 code cache instead of from source. A worker
 * compiles them anew otherwise, and the suite starts a worker per target.
 *
 * Node >= 22.1 has this built in (module.enableCompileCache), used when present. On Node 20 this is its equivalent,
 * kept to those two files because they make no dynamic import(): Node 20 loses the import callback of code it reads
 * from a cache. The cache only saves time: a missing, stale or unwritable one changes nothing but the speed.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import Module from 'node:module';
import path from 'node:path';
import process from 'node:process';
import { fileURLToPath, URL } from 'node:url';
import vm from 'node:vm';

const CACHE_DIR = fileURLToPath(new URL('../../node_modules/.cache/partner-api-contracts/v8-code/', import.meta.url));
const CACHED_FILES = /[\\/]playwright-core[\\/]lib[\\/](coreBundle|utilsBundle)\.js$/;

function cacheFileOf(filename) {
  const { size, mtimeMs } = fs.statSync(filename);
  const key = [filename, size, mtimeMs, process.version, process.arch].join('\0');
  return path.join(CACHE_DIR, `${createHash('sha256').update(key).digest('hex').slice(0, 32)}.bin`);
}

function readOrUndefined(file) {
  try {
    return fs.readFileSync(file);
  } catch {
    return undefined;
  }
}

/** Written when the process ends, so it holds the functions the run compiled lazily as well. */
function writeOnExit(file, script) {
  process.once('exit', () => {
    try {
      fs.mkdirSync(CACHE_DIR, { recursive: true });
      const temporary = `${file}.${process.pid}.tmp`;
      fs.writeFileSync(temporary, script.createCachedData());
      fs.renameSync(temporary, file);
    } catch {
      // An unwritable cache: the next worker compiles from source, as without one.
    }
  });
}

function compileWithCache(module, content, filename) {
  const cacheFile = cacheFileOf(filename);
  const cachedData = readOrUndefined(cacheFile);
  const script = new vm.Script(Module.wrap(content), { filename, ...(cachedData ? { cachedData } : {}) });
  if (!cachedData || script.cachedDataRejected) writeOnExit(cacheFile, script);
  const moduleWrapper = script.runInThisContext({ displayErrors: true });
  return moduleWrapper.call(module.exports, module.exports, Module.createRequire(filename), module, filename, path.dirname(filename));
}

if (typeof Module.enableCompileCache === 'function') {
  Module.enableCompileCache(CACHE_DIR);
} else {
  const compile = Module.prototype._compile;
  Module.prototype._compile = function compileFromCacheWhenPossible(content, filename, ...rest) {
    return CACHED_FILES.test(filename) ? compileWithCache(this, content, filename) : compile.call(this, content, filename, ...rest);
  };
}
