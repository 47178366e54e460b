import * as fs from 'node:fs';

export interface LogCapture {
  /** Everything written to standard output since the capture started. */
  text(): string;
  /** The JSON log lines among it, parsed (other output is skipped). */
  lines(): Array<Record<string, unknown>>;
  stop(): void;
}

/**
 * Captures what pino writes to standard output. Start it before the app is created: pino writes through
 * sonic-boom straight to file descriptor 1, or through `process.stdout` when it finds that wrapped (as test
 * runners do), so all three are intercepted.
 */
export function captureStdout(): LogCapture {
  const captured: string[] = [];
  const realWrite = fs.write;
  const realWriteSync = fs.writeSync;
  const spies = [
    jest.spyOn(fs, 'writeSync').mockImplementation(((fd: number, data: unknown, ...rest: unknown[]) => {
      if (fd !== 1) return (realWriteSync as (...a: unknown[]) => number)(fd, data, ...rest);
      captured.push(String(data));
      return Buffer.byteLength(String(data));
    }) as typeof fs.writeSync),
    jest.spyOn(fs, 'write').mockImplementation(((fd: number, data: unknown, ...rest: unknown[]) => {
      if (fd !== 1) return (realWrite as (...a: unknown[]) => void)(fd, data, ...rest);
      captured.push(String(data));
      (rest[rest.length - 1] as (error: null, written: number) => void)(
        null,
        Buffer.byteLength(String(data)),
      );
    }) as typeof fs.write),
    jest.spyOn(process.stdout, 'write').mockImplementation((data: unknown) => {
      captured.push(String(data));
      return true;
    }),
  ];
  const text = () => captured.join('');
  return {
    text,
    lines: () =>
      text()
        .split('\n')
        .filter((line) => line.startsWith('{'))
        .flatMap((line) => {
          try {
            return [JSON.parse(line) as Record<string, unknown>];
          } catch {
            return [];
          }
        }),
    stop: () => spies.forEach((spy) => spy.mockRestore()),
  };
}
