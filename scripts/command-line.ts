/** The command line of an entry point: its options, or one `[configuration] command line: …` line and exit code 2. */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { ConfigError } from '../src/config/config-error.ts';

export function commandLineError(key: string, why: string): never {
  console.error(new ConfigError('command line', key, why).message);
  process.exit(ConfigError.EXIT_CODE);
}

/** `parseArgs` over the process's arguments; an unknown or malformed option is a command-line error. */
export function parseOptions<T extends NonNullable<ParseArgsConfig['options']>>(options: T): ReturnType<typeof parseArgs<{ options: T }>>['values'] {
  try {
    return parseArgs({ options }).values;
  } catch (error) {
    commandLineError('(arguments)', (error as Error).message.split('\n')[0] ?? 'invalid');
  }
}
