// Raw, gzip and brotli sizes of a script, as servers send it (gzip -9, brotli quality 11).
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

export const EMBED_BUDGET_GZIP = 8 * 1024;

export function sizes(buf) {
  return {
    raw: buf.length,
    gzip: gzipSync(buf, { level: 9 }).length,
    brotli: brotliCompressSync(buf, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
  };
}
