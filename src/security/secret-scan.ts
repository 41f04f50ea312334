/**
 * Looks for secrets in files a run left behind: every configured secret and issued token, raw and in every
 * encoding it could take (base64 at any alignment, base64url, URL-encoded, JSON-escaped). Reports the file and
 * the secret's *name*, never its value.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { encodingsOf } from '../http/redact.ts';
import { zipEntries } from './zip-entries.ts';

export interface NamedSecret {
  /** What to call it in a finding: a variable name or "token issued to spotnana-global-uat". */
  name: string;
  value: string;
}

export interface Finding {
  file: string;
  secret: string;
  encoding: string;
}

/** Base64 of the value as it appears inside a longer base64 text: three alignments, partial edge characters dropped. */
function embeddedBase64(value: string): string[] {
  const bytes = Buffer.from(value, 'utf8');
  const variants: string[] = [];
  for (let pad = 0; pad < 3; pad += 1) {
    const encoded = Buffer.concat([Buffer.alloc(pad), bytes]).toString('base64');
    const start = Math.ceil((pad * 4) / 3);
    const stableEnd = Math.floor(((pad + bytes.length) * 4) / 3) - 1;
    const core = encoded.slice(start, Math.max(start, stableEnd));
    if (core.length >= 8) variants.push(core, core.replace(/\+/g, '-').replace(/\//g, '_'));
  }
  return variants;
}

export function patternsOf(secret: NamedSecret): { pattern: string; encoding: string }[] {
  const direct = encodingsOf(secret.value).map((pattern) => ({ pattern, encoding: pattern === secret.value ? 'raw' : 'encoded' }));
  const embedded = embeddedBase64(secret.value).map((pattern) => ({ pattern, encoding: 'base64' }));
  return [...direct, ...embedded].filter((p) => p.pattern.length >= 6);
}

function* walk(dir: string): Generator<string> {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return;
  }
  for (const name of names) {
    const path = join(dir, name);
    const stats = statSync(path, { throwIfNoEntry: false });
    if (!stats) continue;
    if (stats.isDirectory()) yield* walk(path);
    else if (stats.isFile()) yield path;
  }
}

function contentsOf(path: string): { label: string; text: string }[] {
  const buffer = readFileSync(path);
  const isZip = buffer.length > 4 && buffer.readUInt32LE(0) === 0x04034b50;
  if (!isZip) return [{ label: path, text: buffer.toString('latin1') }];
  try {
    return zipEntries(buffer).map((entry) => ({ label: `${path}!${entry.name}`, text: entry.content.toString('latin1') }));
  } catch {
    return [{ label: path, text: buffer.toString('latin1') }];
  }
}

export interface ScanResult {
  filesScanned: number;
  findings: Finding[];
}

export function scanForSecrets(roots: readonly string[], secrets: readonly NamedSecret[], base = process.cwd()): ScanResult {
  const compiled = secrets.map((secret) => ({ secret, patterns: patternsOf(secret) }));
  const findings: Finding[] = [];
  let filesScanned = 0;
  for (const root of roots) {
    for (const path of walk(root)) {
      filesScanned += 1;
      for (const { label, text } of contentsOf(path)) {
        for (const { secret, patterns } of compiled) {
          const hit = patterns.find((p) => text.includes(Buffer.from(p.pattern, 'utf8').toString('latin1')));
          if (hit) findings.push({ file: relative(base, label), secret: secret.name, encoding: hit.encoding });
        }
      }
    }
  }
  return { filesScanned, findings };
}
