import type { Section } from '../plans/domain/sections';
import { AnchorInput, placeAnchors } from './domain/anchor-placement';

/** What CommentAnchors sends a diff thread: the anchors, the versions they were made on, and the version to place them on. */
export interface AnchorTask {
  anchors: AnchorInput[];
  versions: Record<string, Section[]>;
  target: Section[];
}

/** Runs in a diff thread (DiffPool, kind "module"): the placements, in the anchors' order, as JSON. */
export function runInThread(input: string): Buffer {
  const task = JSON.parse(input) as AnchorTask;
  const versions = new Map(Object.entries(task.versions).map(([n, sections]) => [Number(n), sections]));
  return Buffer.from(JSON.stringify(placeAnchors(task.anchors, versions, task.target)));
}
