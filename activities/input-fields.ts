// The Gemeinde key every step receives beside its data (the data itself is read through step-inputs.ts).
import { invalidInput } from './failures';

export function requireAgs(ags: unknown): string {
  if (typeof ags !== 'string' || !/^\d{8}$/.test(ags)) {
    throw invalidInput(`Der Amtliche Gemeindeschlüssel "${String(ags)}" ist ungültig (erwartet: 8 Ziffern).`);
  }
  return ags;
}
