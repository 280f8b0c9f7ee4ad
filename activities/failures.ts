// Bad input never heals by retrying: these failures are non-retryable so the step becomes a visible incident
// that an operator can retry with corrected input.
import { ApplicationFailure } from '@temporalio/common';

export const FAILURE_TYPES = {
  invalidInput: 'UngueltigeEingabe',
  unknownVerfahren: 'UnbekanntesVerfahren',
  addressPoolExhausted: 'AdressbereichErschoepft',
  reconciliationMismatch: 'ReconciliationMismatch',
  invalidInventory: 'InventarUngueltig',
  inventoryNumbersExhausted: 'InventarnummernErschoepft',
  inventoryConflict: 'InventarKonflikt',
  invalidStaffList: 'MitarbeiterlisteUngueltig',
} as const;

export function invalidInput(message: string): ApplicationFailure {
  return ApplicationFailure.nonRetryable(message, FAILURE_TYPES.invalidInput);
}

/** Lists at most `limit` items and says how many more there are, so reports stay readable and small. */
export function listFirst(items: readonly string[], limit = 10): string {
  const shown = items.slice(0, limit).join(', ');
  return items.length > limit ? `${shown} … (und ${items.length - limit} weitere)` : shown;
}
