/** Every secret value the project could hold (twin and live profiles, process environment), named by its key: what the secret scan looks for. */
import { join } from 'node:path';
import { PROVIDERS } from '../providers/catalogue.ts';
import { readEnvFile } from './env-files.ts';

export interface KnownSecret {
  name: string;
  value: string;
}

const SECRET_KEY = new RegExp(`^(${PROVIDERS.map((p) => p.id.toUpperCase()).join('|')})_[A-Z0-9]+_(CLIENT_SECRET|WEBHOOK_HMAC_KEY|WEBHOOK_SECRET)$`);

/** The key part of a prefixed webhook secret (`whsec_<base64>`): leaked on its own, it signs as well as the whole. */
function keyPart(key: string, value: string): string | undefined {
  const provider = PROVIDERS.find((p) => key.startsWith(`${p.id.toUpperCase()}_`));
  const scheme = provider?.webhooks?.signature;
  if (!key.endsWith(`_${provider?.webhooks?.secretKey}`) || scheme?.kind !== 'id-timestamp-hmac-sha256-base64') return undefined;
  return value.startsWith(scheme.secretPrefix) ? value.slice(scheme.secretPrefix.length) : undefined;
}

export function knownSecrets(root: string, env: NodeJS.ProcessEnv = process.env): KnownSecret[] {
  const found = new Map<string, KnownSecret>();
  const add = (name: string, value: string | undefined) => {
    if (value && value.trim().length >= 6 && !found.has(value)) found.set(value, { name, value });
  };
  const addSecret = (key: string, where: string, value: string | undefined) => {
    add(`${key} (${where})`, value);
    if (value) add(`${key}, its key part (${where})`, keyPart(key, value));
  };
  const dirs = [join(root, 'env'), ...(env.CONTRACT_PROFILE_DIR ? [join(root, env.CONTRACT_PROFILE_DIR)] : [])];
  for (const dir of dirs) {
    for (const file of ['twin-uat.env', 'twin-prod.env', 'uat.env', 'prod.env']) {
      for (const [key, value] of Object.entries(readEnvFile(join(dir, file), file))) {
        if (SECRET_KEY.test(key)) addSecret(key, file, value);
      }
    }
  }
  for (const [key, value] of Object.entries(env)) if (SECRET_KEY.test(key)) addSecret(key, 'environment', value);
  return [...found.values()];
}
