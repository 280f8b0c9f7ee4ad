// Typed search attributes: the Temporal Web UI and CLI find runs by them. No personal data here — only the
// process, the Gemeinde's AGS (a public key) and computed status figures. Parents are found through Temporal's own
// `ParentWorkflowId` attribute.
import { defineSearchAttributeKey, SearchAttributeType, type SearchAttributePair } from '@temporalio/common';
import type { InitialSearchAttributes } from '../domain/processes';

export const SA = {
  process: defineSearchAttributeKey('RunProcess', SearchAttributeType.KEYWORD),
  ags: defineSearchAttributeKey('Ags', SearchAttributeType.KEYWORD),
  phase: defineSearchAttributeKey('RunPhase', SearchAttributeType.KEYWORD),
  health: defineSearchAttributeKey('RunHealth', SearchAttributeType.KEYWORD),
  progress: defineSearchAttributeKey('RunProgress', SearchAttributeType.INT),
  targetGoLive: defineSearchAttributeKey('TargetGoLive', SearchAttributeType.DATETIME),
};

/** A run's first search attributes (domain/processes.ts) as Temporal's typed pairs; a target date is midnight UTC. */
export function typedSearchAttributes(a: InitialSearchAttributes): SearchAttributePair[] {
  return [
    { key: SA.process, value: a.process },
    { key: SA.ags, value: a.ags },
    { key: SA.phase, value: a.phase },
    { key: SA.health, value: a.health },
    { key: SA.progress, value: a.progress },
    ...(a.targetGoLive ? [{ key: SA.targetGoLive, value: new Date(`${a.targetGoLive}T00:00:00Z`) }] : []),
  ];
}

/** `name=Type` pairs for `temporal server start-dev --search-attribute` and `temporal operator search-attribute create`. */
export const SEARCH_ATTRIBUTE_DEFINITIONS: { name: string; type: 'Keyword' | 'Int' | 'Datetime' }[] = [
  { name: 'RunProcess', type: 'Keyword' },
  { name: 'Ags', type: 'Keyword' },
  { name: 'RunPhase', type: 'Keyword' },
  { name: 'RunHealth', type: 'Keyword' },
  { name: 'RunProgress', type: 'Int' },
  { name: 'TargetGoLive', type: 'Datetime' },
];
