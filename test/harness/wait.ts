// Polling helper shared by the integration and e2e suites.

/**
 * Polls `predicate` until it returns a truthy value (which is returned) or `timeoutMs` passes (throws,
 * quoting the last error the predicate raised, if any).
 */
export async function waitFor<T>(predicate: () => T | Promise<T>, timeoutMs = 10_000, what = 'condition', intervalMs = 50): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const v = await predicate();
      if (v) return v as NonNullable<T>;
    } catch (e) {
      lastError = e;
    }
    if (Date.now() > deadline) {
      const cause = lastError instanceof Error ? `: ${lastError.message}` : '';
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${cause}`);
    }
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}
