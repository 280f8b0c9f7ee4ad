// Provisions the Temporal CLI once before any test file runs, so a fresh clone needs no manual step.
import { temporalCliPath } from '../scripts/temporal-cli';

export default function globalSetup(): void {
  process.env.TEMPORAL_CLI_PATH = temporalCliPath();
}
