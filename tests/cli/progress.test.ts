/**
 * The progress line of a long build: nothing on a stream that is not a terminal, nothing before
 * the work has run a second, then one line written over in place and cleared when done; the
 * pipeline tells where it is (each layout round, then the PDF).
 */
import { describe, expect, it } from 'vitest';
import { buildProgressText, ProgressLine, SHOW_AFTER_MS } from '../../src/progress.js';
import { buildReport, type BuildProgress } from '../../src/pipeline.js';
import { newProject, root } from '../helpers/project.js';

/** A stream that keeps what is written, and a clock moved by hand. */
function fakeTerminal(isTTY: boolean) {
  const written: string[] = [];
  let time = 5000;
  return { stream: { isTTY, write: (text: string) => written.push(text) }, written, clock: () => time, wait: (ms: number) => (time += ms) };
}

describe('ProgressLine', () => {
  it('writes nothing when the stream is not a terminal (a pipe, a file, CI), however long the work', () => {
    const t = fakeTerminal(false);
    const line = new ProgressLine(t.stream, t.clock);
    t.wait(60_000);
    line.update('building r.yaml: layout round 1…');
    line.clear();
    expect(t.written).toEqual([]);
  });

  it('on a terminal, shows nothing for short work, then one line written over in place, cleared at the end', () => {
    const t = fakeTerminal(true);
    const line = new ProgressLine(t.stream, t.clock);
    t.wait(SHOW_AFTER_MS - 1);
    line.update('building r.yaml: layout round 1…');
    line.clear();
    expect(t.written).toEqual([]);
    t.wait(1);
    line.update('building r.yaml: layout round 2…');
    line.update('building r.yaml: writing 120 pages…');
    line.clear();
    line.clear();
    expect(t.written).toEqual(['\r\x1b[Kbuilding r.yaml: layout round 2…', '\r\x1b[Kbuilding r.yaml: writing 120 pages…', '\r\x1b[K']);
  });

  it('cuts a line wider than the terminal (a line that wraps cannot be written over)', () => {
    const t = fakeTerminal(true);
    const line = new ProgressLine({ ...t.stream, columns: 20 }, t.clock);
    t.wait(SHOW_AFTER_MS);
    line.update('building /a/long/path/r.yaml: layout round 1…');
    expect(t.written).toEqual(['\r\x1b[Kbuilding /a/long/p…']);
  });

  it('says where a build is in words', () => {
    expect(buildProgressText('r.yaml', { stage: 'layout', round: 2 })).toBe('building r.yaml: layout round 2…');
    expect(buildProgressText('r.yaml', { stage: 'render', pages: 120 })).toBe('building r.yaml: writing 120 pages…');
  });
});

describe('the progress of a build', () => {
  it('is told each layout round, then the writing of the PDF with its pages', async () => {
    const p = newProject();
    const told: BuildProgress[] = [];
    const r = await buildReport({ input: p.input, projectDir: p.dir, packageDir: root, version: 'test', onProgress: (progress) => told.push(progress) });
    expect(told).toEqual([...Array.from({ length: r.rounds }, (_, i) => ({ stage: 'layout', round: i + 1 })), { stage: 'render', pages: r.pages.length }]);
  });
});
