// The newsroom that publishes the boxes: its name, site and logo, from wrangler.toml [vars]
// (FACTBOX_PUBLISHER_NAME, FACTBOX_PUBLISHER_URL, FACTBOX_PUBLISHER_LOGO; .dev.vars overrides them
// locally like any var). Open Graph, oEmbed, JSON-LD, the share cards and the pages say it.
export interface Publisher {
  name: string;
  url: string;
  logo: string;
}

/** The vars it reads (not all of Env: the widget tests build claims without the Workers types). */
export type PublisherVars = { [K in 'FACTBOX_PUBLISHER_NAME' | 'FACTBOX_PUBLISHER_URL' | 'FACTBOX_PUBLISHER_LOGO']?: string };

/** The configured newsroom; the URL and logo default to this server's own. */
export function publisherOf(env: PublisherVars, origin: string): Publisher {
  return {
    name: env.FACTBOX_PUBLISHER_NAME?.trim() || 'Factbox',
    url: env.FACTBOX_PUBLISHER_URL?.trim() || origin,
    logo: env.FACTBOX_PUBLISHER_LOGO?.trim() || `${origin}/favicon.svg`,
  };
}

/** Open Graph wants a locale like en_US: the box's BCP 47 tag, with a usual region where it has none. */
const REGIONS: Record<string, string> = { en: 'US', ko: 'KR', ja: 'JP', zh: 'CN', fr: 'FR', de: 'DE', es: 'ES', pt: 'BR', it: 'IT' };
export function ogLocale(lang: string): string {
  const [language = 'en', region] = lang.split('-');
  const r = region && /^[a-z]{2}$/i.test(region) ? region : REGIONS[language.toLowerCase()];
  return r ? `${language.toLowerCase()}_${r.toUpperCase()}` : language.toLowerCase();
}
