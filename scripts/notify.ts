/**
 * `npm run notify -- [--webhook-url URL] [--summary FILE] [--title T] [--report-url URL]`: posts a short message to a
 * Slack-compatible incoming webhook when the night changed (green to red, red to green, new failures), and nothing
 * on a night like the last. The URL is itself a secret: it can come from CONTRACTS_WEBHOOK_URL, and is never printed.
 * Exit 0: posted, or nothing to post; 1: the webhook refused or could not be reached; 2: bad input (nothing sent).
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { nightChange, notifyMessage } from '../src/report/notify-message.ts';
import type { Summary } from '../src/report/summary-reporter.ts';
import { commandLineError, parseOptions } from './command-line.ts';

const args = parseOptions({
  'webhook-url': { type: 'string' },
  summary: { type: 'string' },
  title: { type: 'string', default: 'Nightly contracts' },
  'report-url': { type: 'string' },
});

const webhook = args['webhook-url'] ?? process.env.CONTRACTS_WEBHOOK_URL;
if (!webhook) commandLineError('--webhook-url', 'is required (or set CONTRACTS_WEBHOOK_URL)');
let url: URL;
try {
  url = new URL(webhook);
} catch {
  commandLineError('--webhook-url', 'is not a URL');
}
const loopback = ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback)) commandLineError('--webhook-url', 'must be https (http only to a loopback receiver)');

const file = resolve(args.summary ?? resolve(process.env.CONTRACT_REPORTS_DIR ?? 'reports', 'summary.json'));
if (!existsSync(file)) commandLineError('--summary', `${file} does not exist: the run wrote no summary`);
let summary: Summary;
try {
  summary = JSON.parse(readFileSync(file, 'utf8')) as Summary;
} catch (error) {
  commandLineError('--summary', `${file} is not JSON: ${(error as Error).message}`);
}

const change = nightChange(summary);
if (!change.why) {
  console.log(`notify: tonight reads like last night (${summary.verdict}, no new failure): nothing posted`);
  process.exit(0);
}
const message = notifyMessage(summary, { title: args.title, ...(args['report-url'] ? { reportUrl: args['report-url'] } : {}) });
try {
  const response = await fetch(url, {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(message), redirect: 'manual', signal: AbortSignal.timeout(10_000),
  });
  if (!response.ok) {
    console.error(`notify: the webhook answered ${response.status}: nothing was delivered`);
    process.exit(1);
  }
} catch (error) {
  console.error(`notify: the webhook could not be reached (${(error as Error).name === 'TimeoutError' ? 'no answer in 10 s' : (error as Error).message.split('\n')[0]})`);
  process.exit(1);
}
console.log(`notify: posted (${change.why})`);
