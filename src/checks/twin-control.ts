/** Moves the twin's clock for one token, so expiry is exercised in seconds. Only present when the twin serves the target. */
export class TwinControl {
  constructor(private readonly adminUrl: string) {}

  private async post(path: string, body: unknown): Promise<void> {
    const response = await fetch(`${this.adminUrl}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    if (!response.ok) throw new Error(`twin admin ${path} answered ${response.status}`);
  }

  /** Ages one token by `seconds` as the twin sees it; negative seconds give the time back. */
  ageToken(token: string, seconds: number): Promise<void> {
    return this.post('/clock', { advanceSeconds: seconds, scope: token });
  }
}
