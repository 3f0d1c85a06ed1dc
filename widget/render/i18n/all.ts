// Every language's labels, for the edge renderer (which has no size budget to keep).
import { en, type Labels, type Lang } from './index';
import ko from './ko.json';

const table: Record<Lang, Labels> = { en, ko };
export const labelsFor = (lang: Lang): Labels => table[lang];
