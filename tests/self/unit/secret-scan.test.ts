import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deflateRawSync } from 'node:zlib';
import { describe, test } from 'node:test';
import { scanForSecrets } from '../../../src/security/secret-scan.ts';

const secret = { name: 'SPOTDRAFT_US_CLIENT_SECRET', value: 'S3cr3t-value/with+chars=' };

function folderWith(name: string, content: string | Buffer): string {
  const dir = mkdtempSync(join(tmpdir(), 'scan-'));
  mkdirSync(join(dir, 'nested'), { recursive: true });
  writeFileSync(join(dir, 'nested', name), content);
  return dir;
}

/** A one-entry zip (deflated), like a Playwright trace. */
function zipOf(name: string, content: string): Buffer {
  const data = deflateRawSync(Buffer.from(content));
  const nameBytes = Buffer.from(name);
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(8, 8);
  local.writeUInt32LE(data.length, 18);
  local.writeUInt32LE(content.length, 22);
  local.writeUInt16LE(nameBytes.length, 26);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(8, 10);
  central.writeUInt32LE(data.length, 20);
  central.writeUInt32LE(content.length, 24);
  central.writeUInt16LE(nameBytes.length, 28);
  const centralOffset = local.length + nameBytes.length + data.length;
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(1, 8);
  end.writeUInt16LE(1, 10);
  end.writeUInt32LE(central.length + nameBytes.length, 12);
  end.writeUInt32LE(centralOffset, 16);
  return Buffer.concat([local, nameBytes, data, central, nameBytes, end]);
}

describe('secret scan finds a secret in every form it could leak in, and names it without its value', () => {
  const forms: Record<string, string> = {
    raw: `header client-secret: ${secret.value}`,
    base64: Buffer.from(secret.value).toString('base64'),
    'base64 inside a longer base64 text (Basic auth)': Buffer.from(`client-id:${secret.value}`).toString('base64'),
    base64url: Buffer.from(secret.value).toString('base64url'),
    'URL-encoded': `client_secret=${encodeURIComponent(secret.value)}`,
    'JSON-escaped': JSON.stringify({ s: `${secret.value}` }),
  };
  for (const [form, content] of Object.entries(forms)) {
    test(form, () => {
      const result = scanForSecrets([folderWith('attachment.txt', content)], [secret]);
      assert.equal(result.findings.length, 1, `not found as ${form}`);
      assert.equal(result.findings[0]?.secret, secret.name);
      assert.ok(!JSON.stringify(result).includes(secret.value), 'a finding must not contain the value');
    });
  }

  test('inside a zip entry (a trace)', () => {
    const result = scanForSecrets([folderWith('trace.zip', zipOf('trace.network', `{"authorization":"Bearer ${secret.value}"}`))], [secret]);
    assert.equal(result.findings.length, 1);
    assert.match(result.findings[0]?.file ?? '', /trace\.zip!trace\.network$/);
  });

  test('a clean folder has no finding', () => {
    const result = scanForSecrets([folderWith('clean.json', '{"client-secret":"[redacted]"}')], [secret]);
    assert.equal(result.findings.length, 0);
    assert.equal(result.filesScanned, 1);
  });
});
