/**
 * Runs `call` with V8's plain stack formatting instead of the source-mapped one Playwright installs in its workers.
 *
 * Every Playwright API call (fetch, text, attach) captures a 50-frame stack when it starts, synchronously, and maps
 * each frame through source maps: profiled at about a quarter of a worker's CPU for our request-heavy checks. The
 * frames only locate steps in traces, which this suite keeps off (they would hold credentials), and the API name
 * Playwright derives from them is the same either way. The swap lasts for the synchronous start of the call only.
 */
const errors = Error as { prepareStackTrace?: unknown };

export function withPlainStacks<T>(call: () => T): T {
  const mapped = errors.prepareStackTrace;
  errors.prepareStackTrace = undefined;
  try {
    return call();
  } finally {
    errors.prepareStackTrace = mapped;
  }
}
