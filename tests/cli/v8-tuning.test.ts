/**
 * V8's flags for a build that exits (src/v8-tuning.ts): TurboFan's budget raised on V8 11.3
 * (Node 20), where it measured faster; nothing elsewhere (V8 12.4, Node 22: no gain).
 */
import { describe, expect, it } from 'vitest';
import { oneBuildFlags } from '../../src/v8-tuning.js';

describe('V8 flags for a build that exits', () => {
  it('raises the interrupt budget on V8 11.3, by a number V8 takes (an integer flag: no fraction, no unit)', () => {
    expect(oneBuildFlags('11.3.244.8-node.30')).toMatch(/^--interrupt-budget=\d+$/);
    expect(Number(oneBuildFlags('11.3.244.8-node.30')!.split('=')[1])).toBeGreaterThan(66 * 1024);
  });

  it('leaves the versions it was not measured on as they are', () => {
    expect(oneBuildFlags('11.8.172.17-node.15')).toBeUndefined();
    expect(oneBuildFlags('12.4.254.21-node.33')).toBeUndefined();
    expect(oneBuildFlags('13.6.233.10-node.24')).toBeUndefined();
  });
});
