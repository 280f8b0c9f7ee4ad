import type { ProcessTemplate } from '../types';

// Verfahrensmigration: one Verfahren moves, as a child of an onboarding or on its own.
export const migrationTemplate: ProcessTemplate = {
  id: 'verfahren-migration',
  title: 'Verfahrensmigration',
  description: 'Ein Fachverfahren zieht in den Betrieb des Kommunalunternehmens um.',
  phases: [
    { id: 'vorbereitung', title: 'Vorbereitung' },
    { id: 'testmigration', title: 'Testmigration' },
    { id: 'abnahme', title: 'Test und Abnahme' },
    { id: 'umstellung', title: 'Umstellung' },
    { id: 'parallelbetrieb', title: 'Parallelbetrieb' },
    { id: 'stilllegung', title: 'Stilllegung' },
  ],
  steps: [
    {
      id: 'steckbrief', title: 'Verfahrenssteckbrief', phase: 'vorbereitung', kind: 'manual',
      description: 'Fachamt, Key-User, Version, Betriebsart und Schnittstellen erfassen (Hersteller und Verfahren stehen im Verfahrenskatalog).',
      candidateRoles: ['verfahren'], dependsOn: [], plannedDays: 3, form: 'steckbrief',
    },
    {
      id: 'herstellertermin', title: 'Termin mit dem Hersteller', phase: 'vorbereitung', kind: 'manual',
      description: 'Migrationstermin und Vorgehen mit dem Hersteller abstimmen.',
      candidateRoles: ['verfahren'], dependsOn: ['steckbrief'], plannedDays: 5, form: 'erledigt',
    },
    {
      id: 'datenbereinigung', title: 'Datenbereinigung im Altsystem', phase: 'vorbereitung', kind: 'manual',
      description: 'Das Fachamt bereinigt Dubletten und Altbestände im bisherigen System.',
      candidateRoles: ['gemeinde'], dependsOn: ['steckbrief'], plannedDays: 20, form: 'erledigt',
    },
    {
      id: 'testexport', title: 'Testexport und Testmigration', phase: 'testmigration', kind: 'manual',
      description: 'Export aus dem Altsystem und Export nach der Testmigration bereitstellen (CSV, Semikolon getrennt).',
      candidateRoles: ['verfahren'], dependsOn: ['herstellertermin', 'datenbereinigung'], plannedDays: 5, form: 'testMigration',
    },
    {
      id: 'abgleich', title: 'Abgleich der Testmigration', phase: 'testmigration', kind: 'automated',
      description: 'Datensätze, Summen und Prüfsummen beider Exporte vergleichen. Abweichungen schicken den Testexport zurück.',
      candidateRoles: ['verfahren'], dependsOn: ['testexport'], plannedDays: 1, activity: 'reconcileTestMigration',
      reopenOnFailure: 'testexport',
    },
    {
      id: 'funktionstest', title: 'Funktionstest nach Testfall-Checkliste', phase: 'abnahme', kind: 'manual',
      description: 'Der Key-User der Gemeinde prüft die Testfälle.',
      candidateRoles: ['gemeinde'], dependsOn: ['abgleich'], plannedDays: 7, form: 'funktionstest',
    },
    {
      id: 'schulung', title: 'Schulung', phase: 'abnahme', kind: 'manual',
      description: 'Anwenderinnen und Anwender im neuen Betrieb schulen.',
      candidateRoles: ['verfahren'], dependsOn: ['funktionstest'], plannedDays: 2, form: 'schulung',
    },
    {
      id: 'abnahme', title: 'Abnahme (Abnahmeprotokoll)', phase: 'abnahme', kind: 'manual',
      description: 'Abnahme im Vier-Augen-Prinzip durch zwei verschiedene Personen.',
      candidateRoles: ['verfahren', 'gemeinde', 'projektleitung'], dependsOn: ['schulung'], plannedDays: 2, form: 'abnahme',
      approvals: { required: 2 }, milestone: true,
      requiresDocument: { kind: 'abnahmeprotokoll', label: 'das unterschriebene Abnahmeprotokoll', fromGemeinde: true },
    },
    {
      id: 'umstellung', title: 'Umstellung: Schließtag, finaler Export, Produktivsetzung', phase: 'umstellung', kind: 'manual',
      description: 'Altverfahren am Schließtag für Eingaben schließen, den finalen Export einspielen und mit den übernommenen Datensätzen abgleichen, das Verfahren produktiv setzen.',
      candidateRoles: ['verfahren'], dependsOn: ['abnahme'], plannedDays: 2, form: 'umstellung', cutover: true, milestone: true, goLive: true,
    },
    {
      id: 'parallelbetrieb', title: 'Parallel- bzw. Lesebetrieb des Altsystems', phase: 'parallelbetrieb', kind: 'wait',
      description: 'Altsystem bleibt lesend verfügbar (Finanzen: bis zum Jahresabschluss). Vorzeitiges Ende mit Begründung möglich.',
      candidateRoles: ['verfahren', 'projektleitung'], dependsOn: ['umstellung'], plannedDays: 40,
    },
    {
      id: 'stilllegung', title: 'Stilllegung des Altverfahrens', phase: 'stilllegung', kind: 'manual',
      description: 'Aussonderung an das Archiv anbieten, Lizenzen kündigen, Datenträger löschen, VVT aktualisieren.',
      candidateRoles: ['verfahren'], dependsOn: ['parallelbetrieb'], plannedDays: 10, form: 'erledigt',
    },
  ],
};
