/**
 * On SIGINT (Ctrl-C) or SIGTERM (orchestrators), runs `stop` once — close the app, then the embedded
 * database — and exits 0. Repeated signals while stopping are ignored, so shutdown is never cut short.
 */
export function stopOnSignals(label: string, stop: () => Promise<void>): void {
  let stopping = false;
  const handle = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    process.stdout.write(`\n${label} is stopping (${signal})…\n`);
    stop().then(
      () => process.exit(0),
      (error: unknown) => {
        process.stderr.write(`${label} did not stop cleanly: ${String(error)}\n`);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', handle);
  process.on('SIGTERM', handle);
}
