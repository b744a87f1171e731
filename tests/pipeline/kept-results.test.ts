/** KeptResults (kept-caches.ts): a build gets the last build's results, and only two builds' stay. */
import { describe, expect, it } from 'vitest';
import { KeptResults } from '../../src/kept-caches.js';

describe('KeptResults', () => {
  it('gives the last build its results and keeps only what this build and the last asked for', () => {
    const kept = new KeptResults<string, { text: string }>();
    let made = 0;
    const make = (text: string) => () => (made++, { text });
    const a = kept.get('a', make('a'));
    expect(kept.get('a', make('a'))).toBe(a); // within a build
    kept.get('b', make('b'));
    kept.nextBuild();
    expect(kept.get('a', make('a'))).toBe(a); // the last build's
    expect(made).toBe(2);
    kept.nextBuild();
    kept.nextBuild(); // a build that asked for nothing leaves the last's
    expect(kept.get('a', make('a'))).toBe(a);
    expect(made).toBe(2);
    kept.get('c', make('c'));
    kept.nextBuild();
    kept.get('c', make('c'));
    kept.nextBuild();
    kept.get('b', make('b')); // asked for by neither of the last two builds: made again
    expect(made).toBe(4);
  });
});
