import type { ProcessTemplate } from '../types';

// Arbeitsplatz-Rollout of one batch of devices (a building or department). Steps marked perDevice have a state per
// device when the batch names its devices (store/devices.ts); the batch's task is done when every device is.
export const rolloutTemplate: ProcessTemplate = {
  id: 'arbeitsplatz-rollout',
  title: 'Arbeitsplatz-Rollout',
  description: 'Eine Charge von Arbeitsplätzen wird ersetzt: vom Wareneingang bis zum Vernichtungsnachweis.',
  phases: [
    { id: 'vorbereitung', title: 'Vorbereitung' },
    { id: 'bereitstellung', title: 'Bereitstellung' },
    { id: 'uebergabe', title: 'Übergabe' },
    { id: 'altgeraete', title: 'Altgeräte' },
  ],
  steps: [
    {
      id: 'bedarf', perDevice: true, title: 'Bedarf erfassen', phase: 'vorbereitung', kind: 'manual',
      description: 'Den Bedarf der Charge vor Ort aufnehmen: im Formular die Zahl der Geräte und den Standort; Benutzer/in und Raum je Gerät stehen aus der Inventur in der Geräteliste des Rollouts.',
      candidateRoles: ['arbeitsplatz'], dependsOn: [], plannedDays: 3, form: 'geraeteErfassung',
    },
    {
      id: 'wareneingang', title: 'Wareneingang: Inventarnummern vergeben', phase: 'vorbereitung', kind: 'automated',
      description: 'Inventarnummern, Seriennummern und MAC-Adressen der Charge registrieren.',
      candidateRoles: ['arbeitsplatz'], dependsOn: ['bedarf'], plannedDays: 1, activity: 'registerDevices',
    },
    {
      id: 'imaging', perDevice: true, title: 'Betankung (Windows 11, BitLocker, Treiber)', phase: 'bereitstellung', kind: 'external',
      description: 'Die Softwareverteilung meldet die betankten Geräte; alternativ bestätigt das Team.',
      candidateRoles: ['arbeitsplatz'], dependsOn: ['wareneingang'], plannedDays: 3, externalEvent: 'geraete.betankt',
      form: 'erledigt',
    },
    {
      id: 'domaenenbeitritt', title: 'Domänenbeitritt, OU, GPOs, Virenschutz', phase: 'bereitstellung', kind: 'external',
      description: 'Das Verzeichnis meldet den Domänenbeitritt; alternativ bestätigt das Team.',
      candidateRoles: ['arbeitsplatz'], dependsOn: ['imaging'], plannedDays: 1, externalEvent: 'geraete.domaene',
      form: 'erledigt',
    },
    {
      id: 'softwareverteilung', title: 'Softwarepakete und Verfahrensclients', phase: 'bereitstellung', kind: 'external',
      description: 'Standardsoftware und Verfahrensclients je Rolle verteilen.',
      candidateRoles: ['arbeitsplatz'], dependsOn: ['domaenenbeitritt'], plannedDays: 2, externalEvent: 'software.verteilt',
      form: 'erledigt',
    },
    {
      id: 'peripherie', title: 'Drucker, Kartenleser, Signaturkarten, Passgeräte', phase: 'bereitstellung', kind: 'manual',
      description: 'Peripherie anschließen und einrichten.',
      candidateRoles: ['arbeitsplatz'], dependsOn: ['domaenenbeitritt'], plannedDays: 2, form: 'erledigt',
    },
    {
      id: 'datenuebernahme', title: 'Datenübernahme (Profil, Signaturen, Favoriten)', phase: 'bereitstellung', kind: 'manual',
      description: 'Benutzerprofile und persönliche Einstellungen übernehmen.',
      candidateRoles: ['arbeitsplatz'], dependsOn: ['softwareverteilung'], plannedDays: 2, form: 'erledigt',
    },
    {
      id: 'funktionstest', perDevice: true, title: 'Funktionstest nach Checkliste', phase: 'uebergabe', kind: 'manual',
      description: 'Technik und Anwender/in prüfen die Checkliste gemeinsam.',
      candidateRoles: ['arbeitsplatz'], dependsOn: ['peripherie', 'datenuebernahme'], plannedDays: 1, form: 'funktionstest',
    },
    {
      id: 'uebergabe', perDevice: true, title: 'Übergabe mit Übergabeprotokoll', phase: 'uebergabe', kind: 'manual',
      description: 'Geräte übergeben; die Gemeinde unterzeichnet das Übergabeprotokoll.',
      candidateRoles: ['gemeinde', 'arbeitsplatz'], dependsOn: ['funktionstest'], plannedDays: 1, form: 'uebergabe',
      milestone: true, goLive: true,
    },
    {
      id: 'altgeraete', perDevice: true, title: 'Altgeräte zurücknehmen und aussondern', phase: 'altgeraete', kind: 'automated',
      description: 'Altgeräte im Inventar auf Aussonderung setzen.',
      candidateRoles: ['arbeitsplatz'], dependsOn: ['uebergabe'], plannedDays: 1, activity: 'retireDevices',
    },
    {
      id: 'datenvernichtung', perDevice: true, title: 'Datenträgervernichtung nach DIN 66399', phase: 'altgeraete', kind: 'manual',
      description: 'Datenträger mindestens Schutzklasse 2 vernichten (z. B. H-4/H-5 für HDD, passende E-Stufe für SSD). Vier-Augen-Prinzip.',
      candidateRoles: ['isb', 'arbeitsplatz'], dependsOn: ['altgeraete'], plannedDays: 5, form: 'vernichtung',
      approvals: { required: 2 },
    },
    {
      id: 'entsorgung', title: 'Entsorgung, Vernichtungsnachweis archivieren', phase: 'altgeraete', kind: 'manual',
      description: 'Vernichtungsnachweis archivieren und Inventar schließen.',
      candidateRoles: ['isb'], dependsOn: ['datenvernichtung'], plannedDays: 2, form: 'erledigt',
      requiresDocument: { kind: 'vernichtungsnachweis', label: 'der Vernichtungsnachweis' },
    },
  ],
};
