/**
 * What a flow block carries for the page stage: drawing ops relative to the block's top-left
 * corner, anchors it defines, its bookmark, and the box frame it belongs to.
 */
import type { BoxSpec } from '../style/theme.js';
import type { DrawOp, OutlineEntry } from '../page/draw.js';
import type { FlowBlock, FlowItem } from '../paginate/item.js';

/** The box a block stands in: the page stage draws the frame around its blocks on each page. */
export interface FrameRef {
  /** Same for all blocks of one box. */
  id: string;
  spec: BoxSpec;
  /** Left edge and width of the frame, pt within the type area. */
  x: number;
  width: number;
  /** First and last block of the box (closed edges are drawn only there). */
  first: boolean;
  last: boolean;
  /** Padding kept above and below the box's part where it breaks across pages, pt. */
  breakPad: number;
}

export interface BlockPayload {
  /** Ops relative to the block's top-left corner (x from the type area's left edge). */
  ops: DrawOp[];
  /** Anchor ids that stand at this block's top. */
  anchors: string[];
  outline?: OutlineEntry;
  frame?: FrameRef;
  /** The first line of this footnote (its number in the report): the page's markers count these. */
  footnote?: number;
  /** Blank space (a `<vspace>`): a cover's shrinks to fit its page (see page/cover-fit.ts). */
  blank?: boolean;
  /** Set by a `<movable>`: left out when the first page would show nothing after it (see page/matters.ts). */
  movable?: boolean;
}

export type Block = FlowBlock<BlockPayload>;
export type Item = FlowItem<BlockPayload>;

/** A block with defaults for the rules. */
export function block(height: number, payload: Partial<BlockPayload>, rules: Partial<Pick<Block, 'spaceBefore' | 'keepWithNext' | 'group' | 'notes'>> = {}): Block {
  return {
    kind: 'block',
    height,
    spaceBefore: rules.spaceBefore ?? 0,
    keepWithNext: rules.keepWithNext ?? false,
    group: rules.group,
    notes: rules.notes?.length ? rules.notes : undefined,
    payload: { ops: payload.ops ?? [], anchors: payload.anchors ?? [], outline: payload.outline, frame: payload.frame, ...(payload.blank ? { blank: true } : {}) },
  };
}
