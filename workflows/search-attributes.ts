// Typed search attributes: the Temporal Web UI and CLI find runs by them. No personal data here — only the
// process, the Gemeinde's AGS (a public key) and computed status figures. Parents are found through Temporal's own
// `ParentWorkflowId` attribute.
import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';

export const SA = {
  process: defineSearchAttributeKey('RunProcess', SearchAttributeType.KEYWORD),
  ags: defineSearchAttributeKey('Ags', SearchAttributeType.KEYWORD),
  phase: defineSearchAttributeKey('RunPhase', SearchAttributeType.KEYWORD),
  health: defineSearchAttributeKey('RunHealth', SearchAttributeType.KEYWORD),
  progress: defineSearchAttributeKey('RunProgress', SearchAttributeType.INT),
  targetGoLive: defineSearchAttributeKey('TargetGoLive', SearchAttributeType.DATETIME),
};

/** `name=Type` pairs for `temporal server start-dev --search-attribute` and `temporal operator search-attribute create`. */
export const SEARCH_ATTRIBUTE_DEFINITIONS: { name: string; type: 'Keyword' | 'Int' | 'Datetime' }[] = [
  { name: 'RunProcess', type: 'Keyword' },
  { name: 'Ags', type: 'Keyword' },
  { name: 'RunPhase', type: 'Keyword' },
  { name: 'RunHealth', type: 'Keyword' },
  { name: 'RunProgress', type: 'Int' },
  { name: 'TargetGoLive', type: 'Datetime' },
];
