// Re-creates the share card's fonts from the npm package they come from, and checks them.
//   node worker/card/fonts/update.mjs          verify the committed files against the package
//   node worker/card/fonts/update.mjs --write  (re)write them
//
// The fonts are Pretendard 1.3.9 (SIL Open Font License 1.1, see OFL.txt), the author's own
// "woff-subset" build, byte for byte: Latin, Latin-1, Latin Extended-A, Greek, basic Cyrillic,
// general punctuation, the 51 Hangul compatibility jamo and 2,780 Hangul syllables (all 2,350 of
// KS X 1001 and 430 more), which is what Korean news copy uses; no Hanja. They are kept unmodified
// because the OFL reserves the name "Pretendard" for unmodified fonts (a subset of our own
// would have to be renamed). They are committed rather than installed because the package is
// 98 MB unpacked, and named .bin because wrangler and the vitest pool import *.bin as an
// ArrayBuffer by default, so wrangler.toml needs no [[rules]] for them.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const PACKAGE = 'pretendard@1.3.9';
const FILES = {
  'Pretendard-Regular.subset.woff.bin': [
    'package/dist/web/static/woff-subset/Pretendard-Regular.subset.woff',
    '1b6eb6ba65cd097cb64800eba4099e8ececaac2c01d12ae7c1316e54d409a707',
  ],
  'Pretendard-Bold.subset.woff.bin': [
    'package/dist/web/static/woff-subset/Pretendard-Bold.subset.woff',
    '23015e2331a6002a4511f196266e946f3be9490ff1fbe3ae22e10108bd0d7918',
  ],
  'OFL.txt': ['package/dist/LICENSE.txt', null],
};

const here = dirname(fileURLToPath(import.meta.url));
const write = process.argv.includes('--write');
const tmp = mkdtempSync(join(tmpdir(), 'pretendard-'));
try {
  const tgz = execFileSync('npm', ['pack', PACKAGE, '--silent', '--pack-destination', tmp], { encoding: 'utf8' }).trim().split('\n').pop();
  execFileSync('tar', ['-xzf', join(tmp, tgz), '-C', tmp, ...Object.values(FILES).map(([path]) => path)]);
  let ok = true;
  for (const [name, [path, sha256]] of Object.entries(FILES)) {
    const bytes = readFileSync(join(tmp, path));
    const digest = createHash('sha256').update(bytes).digest('hex');
    if (sha256 && digest !== sha256) throw new Error(`${PACKAGE} ${path}: sha256 ${digest}, expected ${sha256}`);
    if (write) writeFileSync(join(here, name), bytes);
    else if (!readFileSync(join(here, name)).equals(bytes)) {
      console.error(`${name} differs from ${PACKAGE} ${path}`);
      ok = false;
    }
  }
  console.log(write ? `wrote ${Object.keys(FILES).join(', ')}` : ok ? 'fonts match the package' : 'fonts differ');
  if (!ok) process.exitCode = 1;
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
