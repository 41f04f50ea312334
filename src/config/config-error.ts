/** A problem in a profile: reported as one line naming the file and key, exit code 2, no request sent. */
export class ConfigError extends Error {
  static readonly EXIT_CODE = 2;

  constructor(
    readonly source: string,
    readonly key: string,
    readonly why: string,
  ) {
    super(`[configuration] ${source}: ${key} ${why}`.replace(/\r/g, '\\r').replace(/\n/g, '\\n'));
    this.name = 'ConfigError';
  }
}
