// What the bench's client and the plain baseline workflow share (kept apart from the workflow module so importing
// it runs no workflow code).
import { defineUpdate } from '@temporalio/workflow';

export interface PlainSpec {
  activities: number;
  updates: number;
}

export const plainStep = defineUpdate<number, [number]>('plainStep');
export const PLAIN_WORKFLOW = 'plainWorkflow';
