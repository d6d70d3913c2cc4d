import { describe, expect, it } from 'vitest';
import { slugify, uniqueId } from '../../src/support/slug.js';

describe('slugify', () => {
  it.each([
    ['Tight deadline: Q3 launch!', 'tight-deadline-q3-launch'],
    ['  Shipping   the billing migration  ', 'shipping-the-billing-migration'],
    ["Don't ship on Fridays", 'dont-ship-on-fridays'],
    ['Café Straße Ærø', 'cafe-strasse-aero'],
    ['Łódź & Kraków', 'lodz-and-krakow'],
    ['Привет мир', 'privet-mir'],
    ['Ελληνικά', 'ellinika'],
    ['Launch 🚀 day', 'launch-day'],
    ['日本語のタイトル', 'story'],
    ['---', 'story'],
    ['', 'story'],
  ])('%j → %s', (title, slug) => {
    expect(slugify(title)).toBe(slug);
  });

  it('keeps slugs short, cutting at a dash', () => {
    const slug = slugify('the most challenging project you worked on and why it was challenging and how you solved it in the end');
    expect(slug.length).toBeLessThanOrEqual(60);
    expect(slug).not.toMatch(/-$/);
    expect('the-most-challenging-project-you-worked-on-and-why-it-was-challenging').toContain(slug);
  });

  it('only ever gives file-name-safe ids', () => {
    for (const title of ['a/b\\c', 'CON', '..', 'a:b*c?d"e<f>g|h', '\u0000x']) {
      expect(slugify(title)).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
    }
  });
});

describe('uniqueId', () => {
  it('adds -2, -3 … to a taken id', () => {
    expect(uniqueId('a', new Set())).toBe('a');
    expect(uniqueId('a', new Set(['a']))).toBe('a-2');
    expect(uniqueId('a', new Set(['a', 'a-2']))).toBe('a-3');
  });
});
