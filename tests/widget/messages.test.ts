// The height a resize message may set on an iframe (embed.js applies only a truthy one).
import { describe, expect, it } from 'vitest';
import { clampHeight, MAX_HEIGHT, MIN_HEIGHT } from '../../widget/render/messages';

describe('clampHeight', () => {
  it('rounds a height up and keeps it within bounds', () => {
    expect(clampHeight(640.2)).toBe(641);
    expect(clampHeight(3)).toBe(MIN_HEIGHT);
    expect(clampHeight(1e9)).toBe(MAX_HEIGHT);
    expect(clampHeight(Number.POSITIVE_INFINITY)).toBe(MAX_HEIGHT);
  });

  it('gives nothing to apply for what is not a number', () => {
    for (const h of [Number.NaN, '500', null, undefined, [], {}, true]) expect(clampHeight(h)).toBeFalsy();
  });
});
