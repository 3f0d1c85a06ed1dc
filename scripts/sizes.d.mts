export declare const EMBED_BUDGET_GZIP: number;
export declare function sizes(buf: Uint8Array): { raw: number; gzip: number; brotli: number };
