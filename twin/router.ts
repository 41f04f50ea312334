/** Finds the provider module by host and the route by method + path; slash mismatches and unknown paths go to the provider. */
import type { Throttle } from './throttle.ts';
import type { Route, TwinContext, TwinProvider, TwinRequest, TwinResponse } from './types.ts';

interface CompiledRoute {
  route: Route;
  pattern: RegExp;
  names: string[];
}

function compile(route: Route): CompiledRoute {
  const names: string[] = [];
  const source = route.path
    .split(/(\{[^}]+\})/)
    .map((part) => {
      const m = /^\{([^}]+)\}$/.exec(part);
      if (m) {
        names.push(m[1] as string);
        return '([^/]+)';
      }
      return part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    })
    .join('');
  return { route, pattern: new RegExp(`^${source}$`), names };
}

function toggleTrailingSlash(path: string): string {
  return path.endsWith('/') ? path.slice(0, -1) : `${path}/`;
}

export class Router {
  private readonly byHost = new Map<string, { provider: TwinProvider; routes: CompiledRoute[] }>();

  constructor(providers: readonly TwinProvider[], private readonly throttle?: Throttle) {
    for (const provider of providers) {
      const routes = provider.routes.map(compile);
      for (const host of provider.hosts) this.byHost.set(host, { provider, routes });
    }
  }

  hosts(): string[] {
    return [...this.byHost.keys()];
  }

  serves(host: string): boolean {
    return this.byHost.has(host);
  }

  providerFor(host: string): TwinProvider | undefined {
    return this.byHost.get(host)?.provider;
  }

  handle(req: TwinRequest, ctx: TwinContext): TwinResponse {
    const entry = this.byHost.get(req.host);
    if (!entry) return { status: 502, body: { error: `twin does not serve ${req.host}` } };
    // Before routing, as a gateway would; the refusal still gets the provider's last look (finalize).
    const answer = this.throttle?.refusal(entry.provider, req, ctx) ?? this.answer(entry.provider, entry.routes, req, ctx);
    return entry.provider.finalize ? entry.provider.finalize(req, answer, ctx) : answer;
  }

  private answer(provider: TwinProvider, routes: CompiledRoute[], req: TwinRequest, ctx: TwinContext): TwinResponse {
    const dispatch = (changed: TwinRequest) => this.answer(provider, routes, changed, ctx);
    if (req.scheme === 'http') return provider.plainHttp(req, ctx, dispatch);
    const exact = this.match(routes, req.method, req.path);
    if (exact) return exact.route.handle(req, exact.params, ctx);
    const toggled = this.match(routes, req.method, toggleTrailingSlash(req.path));
    if (toggled) return provider.slashMismatch(req, toggleTrailingSlash(req.path), ctx, dispatch);
    return provider.notFound(req, ctx, dispatch);
  }

  private match(routes: CompiledRoute[], method: string, path: string) {
    for (const compiled of routes) {
      if (compiled.route.method !== method) continue;
      const m = compiled.pattern.exec(path);
      if (!m) continue;
      const params: Record<string, string> = {};
      compiled.names.forEach((name, i) => (params[name] = decodeURIComponent(m[i + 1] as string)));
      return { route: compiled.route, params };
    }
    return undefined;
  }
}
