// Reads a JSON request body. Its size is limited before this by hono's body-limit middleware
// (worker/routes/write.ts), which counts a chunked body as it streams.
import { ApiError } from './errors';

export async function readJson(req: Request): Promise<unknown> {
  const type = req.headers.get('content-type') ?? '';
  if (!/^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i.test(type))
    throw new ApiError('unsupported_media_type', 'Send the body as Content-Type: application/json.');
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(await req.arrayBuffer());
  } catch {
    throw new ApiError('invalid_json', 'The body is not valid UTF-8.');
  }
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new ApiError('invalid_json', `The body is not valid JSON: ${err instanceof Error ? err.message : 'parse error'}.`);
  }
}
