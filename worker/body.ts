// Reads a JSON request body with a hard size limit, whether or not Content-Length is sent
// (a chunked body is counted as it streams, and reading stops at the limit).
import { ApiError } from './errors';
import { LIMITS } from './factbox/schema';

export async function readJson(req: Request, limit = LIMITS.body): Promise<unknown> {
  const type = req.headers.get('content-type') ?? '';
  if (!/^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i.test(type))
    throw new ApiError('unsupported_media_type', 'Send the body as Content-Type: application/json.');
  const declared = req.headers.get('content-length');
  if (declared !== null && Number(declared) > limit) tooLarge(limit);
  const chunks: Uint8Array[] = [];
  let size = 0;
  if (req.body) {
    const reader = req.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > limit) {
        await reader.cancel();
        tooLarge(limit);
      }
      chunks.push(value);
    }
  }
  const bytes = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    bytes.set(c, at);
    at += c.byteLength;
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new ApiError('invalid_json', 'The body is not valid UTF-8.');
  }
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new ApiError('invalid_json', `The body is not valid JSON: ${err instanceof Error ? err.message : 'parse error'}.`);
  }
}

function tooLarge(limit: number): never {
  throw new ApiError('payload_too_large', `The body is larger than ${limit} bytes.`);
}
