// Lighthouse's own CLI on Debian's Chromium, for the browser tests and the bench: one run, its JSON report.
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { CHROMIUM, FLAGS } from './chromium';

export async function lighthouseJson<T>(url: string, args: string[], out: string, timeout = 90_000): Promise<T> {
  await promisify(execFile)(
    process.execPath,
    [
      'node_modules/lighthouse/cli/index.js',
      url,
      ...args,
      '--output=json',
      `--output-path=${out}`,
      '--quiet',
      `--chrome-flags=${FLAGS.join(' ')}`,
    ],
    { env: { ...process.env, CHROME_PATH: CHROMIUM }, timeout },
  );
  return JSON.parse(readFileSync(out, 'utf8')) as T;
}
