/** Random damage to a YAML text, as an editor's slip or a broken file would do it (fast-check). */
import fc from 'fast-check';

export type Damage =
  | { op: 'delete'; line: number }
  | { op: 'indent'; line: number; by: number }
  | { op: 'bytes'; at: number; bytes: number[] }
  | { op: 'duplicate'; line: number }
  | { op: 'swap'; a: number; b: number }
  | { op: 'truncate'; at: number };

export const damage: fc.Arbitrary<Damage> = fc.oneof(
  fc.record({ op: fc.constant('delete' as const), line: fc.nat() }),
  fc.record({ op: fc.constant('indent' as const), line: fc.nat(), by: fc.integer({ min: -4, max: 4 }) }),
  fc.record({ op: fc.constant('bytes' as const), at: fc.nat(), bytes: fc.array(fc.integer({ min: 0, max: 255 }), { minLength: 1, maxLength: 8 }) }),
  fc.record({ op: fc.constant('duplicate' as const), line: fc.nat() }),
  fc.record({ op: fc.constant('swap' as const), a: fc.nat(), b: fc.nat() }),
  fc.record({ op: fc.constant('truncate' as const), at: fc.nat() }),
);

/** Applies damages in order to the bytes of a file. */
export function applyDamage(source: Buffer, damages: Damage[]): Buffer {
  let buf = source;
  for (const d of damages) {
    const lines = buf.toString('latin1').split('\n');
    const n = lines.length;
    switch (d.op) {
      case 'delete':
        lines.splice(d.line % n, 1);
        break;
      case 'indent': {
        const i = d.line % n;
        lines[i] = d.by >= 0 ? ' '.repeat(d.by) + lines[i] : lines[i].replace(new RegExp(`^ {0,${-d.by}}`), '');
        break;
      }
      case 'duplicate':
        lines.splice(d.line % n, 0, lines[d.line % n]);
        break;
      case 'swap': {
        const [a, b] = [d.a % n, d.b % n];
        [lines[a], lines[b]] = [lines[b], lines[a]];
        break;
      }
      case 'bytes': {
        const at = d.at % (buf.length + 1);
        buf = Buffer.concat([buf.subarray(0, at), Buffer.from(d.bytes), buf.subarray(at)]);
        continue;
      }
      case 'truncate':
        buf = buf.subarray(0, d.at % (buf.length + 1));
        continue;
    }
    buf = Buffer.from(lines.join('\n'), 'latin1');
  }
  return buf;
}
