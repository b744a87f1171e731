/** What an SVG paints, as Imprint reads it: viewBox fitting, inherited styles, shapes as paths, text lines. */
import { describe, expect, it } from 'vitest';
import { checkSvg, type CheckedSvg } from '../../src/content/svg-check.js';
import { svgShapes } from '../../src/render/svg-shapes.js';
import { apply } from '../../src/render/svg-transform.js';

const read = (attrs: string, body: string): CheckedSvg => {
  const svg = checkSvg(Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" ${attrs}>${body}</svg>`));
  if (typeof svg === 'string') throw new Error(svg);
  return svg;
};

describe('svgShapes', () => {
  it('fits the viewBox into the natural size, centred, or stretched with preserveAspectRatio="none"', () => {
    const [meet] = svgShapes(read('width="200pt" height="100pt" viewBox="0 0 100 100"', '<rect width="100" height="100"/>')).paths;
    expect(apply(meet.matrix, 0, 0)).toEqual([50, 0]);
    expect(apply(meet.matrix, 100, 100)).toEqual([150, 100]);
    const [none] = svgShapes(read('width="200pt" height="100pt" viewBox="0 0 100 100" preserveAspectRatio="none"', '<rect width="100" height="100"/>')).paths;
    expect(apply(none.matrix, 100, 100)).toEqual([200, 100]);
  });

  it('inherits fill and stroke, reads style="…" over attributes, multiplies opacity down, and skips what is not painted', () => {
    const { paths } = svgShapes(
      read('viewBox="0 0 10 10"', '<g fill="red" stroke="blue" stroke-width="2" opacity="0.5"><rect width="1" height="1" style="fill: rgb(0, 128, 255); stroke-dasharray: 3"/><circle r="1" fill="none"/><rect width="0" height="1"/></g><defs><rect width="5" height="5"/></defs><rect width="1" height="1" display="none"/>'),
    );
    expect(paths.map((p) => [p.fill?.color, p.fill?.opacity, p.stroke?.color, p.stroke?.width, p.stroke?.dash])).toEqual([
      ['#0080ff', 0.5, 'blue', 2, [3, 3]],
      [undefined, undefined, 'blue', 2, []],
    ]);
  });

  it('paints currentColor in any case (a CSS keyword) with the color property, black without one', () => {
    const { paths } = svgShapes(read('viewBox="0 0 10 10"', '<g color="#336699"><rect width="1" height="1" fill="currentcolor"/><rect width="1" height="1" fill="CurrentColor"/></g><rect width="1" height="1" fill="currentColor"/>'));
    expect(paths.map((p) => p.fill?.color)).toEqual(['#336699', '#336699', 'black']);
  });

  it('turns shapes into path data', () => {
    const d = (body: string) => svgShapes(read('viewBox="0 0 10 10"', body)).paths[0].d;
    expect(d('<rect x="1" y="2" width="3" height="4"/>')).toBe('M1 2H4V6H1Z');
    expect(d('<polygon points="0,0 4,0 4,3"/>')).toBe('M0 0L4 0 4 3Z');
    expect(d('<line x1="0" y1="0" x2="5" y2="5" stroke="black"/>')).toBe('M0 0L5 5');
    expect(d('<circle cx="5" cy="5" r="2"/>')).toMatch(/^M7 5A2 2 0 0 1 5 7/);
  });

  it('reads text lines: a tspan with its own x, y starts one; fill="none" is not painted', () => {
    const { texts } = svgShapes(read('viewBox="0 0 100 100"', '<text x="10" y="20" font-size="12" text-anchor="middle" font-weight="bold">一年级<tspan x="10" y="40">二年级</tspan></text><text fill="none">看不见</text>'));
    expect(texts.map((t) => [t.text, t.x, t.y, t.size, t.anchor, t.bold])).toEqual([
      ['一年级', 10, 20, 12, 'middle', true],
      ['二年级', 10, 40, 12, 'middle', true],
    ]);
  });
});
