// The recorder's log lines and file names (scripts/record-histories.ts).

export function fileName(workflowType: string, scenario: string, tag?: string): string {
  return `${workflowType}-${scenario}${tag ? `-${tag}` : ''}.json`;
}

export function log(message: string): void {
  process.stderr.write(`[record-histories] ${message}\n`);
}
