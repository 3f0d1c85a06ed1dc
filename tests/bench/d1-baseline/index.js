// The smallest worker that reads a box from D1: the soak's baseline, to tell the local D1
// simulator's own memory growth apart from the Factbox worker's.
export default {
  async fetch(_req, env) {
    const row = await env.DB.prepare('SELECT body FROM revisions WHERE slug = ? ORDER BY revision DESC LIMIT 1')
      .bind('north-korea-defections')
      .first();
    return new Response(row ? row.body : '{}', { headers: { 'content-type': 'application/json' } });
  },
};
