import type { ProcessTemplate } from '../types';

// Gemeinde-Onboarding as DOMAIN.md describes it. Durations are planned business days (informed estimates).
export const onboardingTemplate: ProcessTemplate = {
  id: 'gemeinde-onboarding',
  title: 'Gemeinde-Onboarding',
  description: 'Eine neue Gemeinde wird in die Betreuung des Kommunalunternehmens übernommen.',
  phases: [
    { id: 'anbahnung', title: 'Anbahnung' },
    { id: 'recht', title: 'Recht / Vertrag' },
    { id: 'bestandsaufnahme', title: 'Bestandsaufnahme' },
    { id: 'sicherheit', title: 'Sicherheit' },
    { id: 'netz', title: 'Netz' },
    { id: 'identitaet', title: 'Identität / Mail' },
    { id: 'migrationen', title: 'Verfahrensmigrationen' },
    { id: 'rollouts', title: 'Arbeitsplatz-Rollouts' },
    { id: 'schulungen', title: 'Schulungen' },
    { id: 'golive', title: 'Go-live' },
    { id: 'hypercare', title: 'Nachbetreuung' },
    { id: 'abschluss', title: 'Abschluss' },
  ],
  steps: [
    {
      id: 'erstgespraech', title: 'Erstgespräch und Vorstellung im Gemeinderat', phase: 'anbahnung', kind: 'manual',
      description: 'Erstgespräch mit Bürgermeister/in und Geschäftsleitung führen, Leistungen im Gemeinderat vorstellen.',
      candidateRoles: ['vorstand'], dependsOn: [], plannedDays: 20, form: 'erledigt',
    },
    {
      id: 'fragebogen', title: 'Grob-Fragebogen ausfüllen', phase: 'anbahnung', kind: 'manual',
      description: 'Anzahl der Arbeitsplätze, Server und Verfahren sowie die Mitarbeiterliste angeben.',
      candidateRoles: ['gemeinde'], dependsOn: ['erstgespraech'], plannedDays: 10, form: 'fragebogen',
    },
    {
      id: 'angebot-berechnen', title: 'Angebot und Kostenplan berechnen', phase: 'anbahnung', kind: 'automated',
      description: 'Kostenplan aus dem IT-Servicekatalog: Arbeitsplätze × Leistungen plus Verfahren.',
      candidateRoles: ['bereichsleitung'], dependsOn: ['fragebogen'], plannedDays: 1, activity: 'computeOffer',
    },
    {
      id: 'angebot-freigabe', title: 'Angebot freigeben', phase: 'anbahnung', kind: 'manual',
      description: 'Berechnetes Angebot prüfen, ggf. Rabatt festlegen und an die Gemeinde freigeben.',
      candidateRoles: ['bereichsleitung'], dependsOn: ['angebot-berechnen'], plannedDays: 4, form: 'angebotFreigabe',
      showResultOf: 'angebot-berechnen',
    },
    {
      id: 'angebot-ausstellen', title: 'Freigegebenes Angebot ausstellen', phase: 'anbahnung', kind: 'automated',
      description: 'Das freigegebene Angebot mit dem festgelegten Rabatt berechnen: das Angebot an die Gemeinde.',
      candidateRoles: ['bereichsleitung'], dependsOn: ['angebot-freigabe'], plannedDays: 1, activity: 'issueOffer',
    },
    {
      id: 'gemeinderatsbeschluss', title: 'Gemeinderatsbeschluss', phase: 'anbahnung', kind: 'external',
      description: 'Der Gemeinderat beschließt über den Beitritt bzw. die Beauftragung. Meldung aus dem Ratsinformationssystem oder Bestätigung durch die Gemeinde.',
      candidateRoles: ['gemeinde'], dependsOn: ['angebot-ausstellen'], plannedDays: 30, form: 'beschluss',
      externalEvent: 'gemeinderat.beschluss', milestone: true,
    },
    {
      id: 'vertrag', title: 'Vertragsgrundlage', phase: 'recht', kind: 'manual',
      description: 'Rechtliche Grundlage der Zusammenarbeit schaffen.',
      candidateRoles: ['vorstand'], dependsOn: ['gemeinderatsbeschluss'], plannedDays: 30, form: 'vertrag',
      variantOverrides: {
        mitglied: { title: 'Satzungsänderung (Beitritt, Art. 49 KommZG)', plannedDays: 50,
          description: 'Unternehmenssatzung ändern, Beitritt der Gemeinde beschließen und bekannt machen.' },
        dienstleistung: { title: 'Zweckvereinbarung (Art. 7 KommZG)', plannedDays: 20,
          description: 'Zweckvereinbarung abschließen.' },
      },
    },
    {
      id: 'rechtsaufsicht', title: 'Anzeige / Genehmigung Rechtsaufsicht (Art. 12 KommZG)', phase: 'recht', kind: 'manual',
      description: 'Zweckvereinbarung der Rechtsaufsicht anzeigen bzw. Genehmigung einholen, wo Befugnisse übergehen.',
      candidateRoles: ['vorstand', 'bereichsleitung'], dependsOn: ['vertrag'], plannedDays: 10, form: 'erledigt',
      variants: ['dienstleistung'],
    },
    {
      id: 'avv', title: 'Auftragsverarbeitungsvertrag (AVV, Art. 28 DSGVO)', phase: 'recht', kind: 'manual',
      description: 'AVV mit TOM und Liste der Unterauftragsverarbeiter abschließen. Vorher kein Zugriff auf Systeme der Gemeinde.',
      candidateRoles: ['datenschutz'], dependsOn: ['gemeinderatsbeschluss'], plannedDays: 15, form: 'avv', milestone: true,
    },
    {
      id: 'vvt', title: 'Verzeichnis von Verarbeitungstätigkeiten aktualisieren (Art. 30 DSGVO)', phase: 'recht', kind: 'manual',
      description: 'Der/die Datenschutzbeauftragte der Gemeinde aktualisiert das VVT.',
      candidateRoles: ['gemeinde', 'datenschutz'], dependsOn: ['avv'], plannedDays: 7, form: 'vvt',
    },
    {
      id: 'inventur', title: 'Hardware- und Software-Inventur', phase: 'bestandsaufnahme', kind: 'manual',
      description: 'Scan-Export einlesen und vor Ort prüfen.',
      candidateRoles: ['arbeitsplatz'], dependsOn: ['avv'], plannedDays: 2, form: 'inventur',
    },
    {
      id: 'inventar-import', title: 'Inventar importieren und prüfen', phase: 'bestandsaufnahme', kind: 'automated',
      description: 'Scan-Export auswerten: Geräte, Betriebssysteme, doppelte Seriennummern oder MAC-Adressen.',
      candidateRoles: ['arbeitsplatz'], dependsOn: ['inventur'], plannedDays: 1, activity: 'importInventory',
    },
    {
      id: 'verfahrensliste', title: 'Verfahrensliste erstellen', phase: 'bestandsaufnahme', kind: 'manual',
      description: 'Je Verfahren: Fachamt, Hersteller, Version, Betriebsart, Key-User.',
      candidateRoles: ['verfahren'], dependsOn: ['inventar-import'], plannedDays: 7, form: 'verfahrensliste',
    },
    {
      id: 'altvertraege', title: 'Altverträge prüfen', phase: 'recht', kind: 'manual',
      description: 'Wartungs- und Lizenzverträge, Kündigungsfristen erfassen.',
      candidateRoles: ['bereichsleitung'], dependsOn: ['verfahrensliste'], plannedDays: 10, form: 'altvertraege',
    },
    {
      id: 'netz-aufnahme', title: 'Netz- und Sicherheitsaufnahme', phase: 'bestandsaufnahme', kind: 'manual',
      description: 'Netzplan, Firewall, Datensicherung und ISMS-Status aufnehmen.',
      candidateRoles: ['netzwerk', 'isb'], dependsOn: ['inventar-import'], plannedDays: 5, form: 'netzAufnahme',
    },
    {
      id: 'gap-analyse', title: 'Gap-Analyse, Migrations- und Zeitplan', phase: 'bestandsaufnahme', kind: 'manual',
      description: 'Lücken bewerten, Reihenfolge der Migrationen und Zeitplan festlegen.',
      candidateRoles: ['projektleitung'], dependsOn: ['verfahrensliste', 'netz-aufnahme'], plannedDays: 15, form: 'gapAnalyse',
    },
    {
      id: 'schutzbedarf', title: 'Schutzbedarfsfeststellung und Risikoanalyse', phase: 'sicherheit', kind: 'manual',
      description: 'Schutzbedarf je Verfahren feststellen, Risiken bewerten und freigeben.',
      candidateRoles: ['isb'], dependsOn: ['gap-analyse'], plannedDays: 7, form: 'schutzbedarf',
    },
    {
      id: 'awareness', title: 'Security-Awareness-Schulung', phase: 'sicherheit', kind: 'manual',
      description: 'Schulung der Beschäftigten zur Informationssicherheit durchführen.',
      candidateRoles: ['isb'], dependsOn: ['schutzbedarf'], plannedDays: 1, form: 'schulung',
    },
    {
      id: 'netzanbindung', title: 'Anbindung an das Behördennetz, Firewall, VPN', phase: 'netz', kind: 'manual',
      description: 'Standort an das Kommunale Behördennetz anbinden, Firewall-Regeln und Site-to-Site-VPN einrichten.',
      candidateRoles: ['netzwerk'], dependsOn: ['vertrag', 'avv'], plannedDays: 20, form: 'erledigt',
    },
    {
      id: 'ip-plan', title: 'IP-Plan, DNS, Druck/Scan, Fernzugriff', phase: 'netz', kind: 'automated',
      description: 'Adressbereich aus dem Pool zuteilen, VLANs und DNS-Zone planen.',
      candidateRoles: ['netzwerk'], dependsOn: ['netzanbindung'], plannedDays: 5, activity: 'allocateNetworkPlan',
    },
    {
      id: 'benutzerkonten', title: 'AD-OU, Gruppen und Benutzerkonten', phase: 'identitaet', kind: 'automated',
      description: 'Organisationseinheiten und kollisionsfreie Kennungen aus der Mitarbeiterliste anlegen.',
      candidateRoles: ['arbeitsplatz'], dependsOn: ['netzanbindung', 'inventar-import'], plannedDays: 2, activity: 'planAccounts',
    },
    {
      id: 'postfaecher', title: 'Postfächer, Mailmigration, MX-Umstellung, MFA', phase: 'identitaet', kind: 'external',
      description: 'Postfächer anlegen, Mails migrieren, MX umstellen, MFA einrichten. Meldung aus dem Migrationswerkzeug oder Bestätigung durch das Team.',
      candidateRoles: ['arbeitsplatz'], dependsOn: ['benutzerkonten'], plannedDays: 7, externalEvent: 'mail.migriert',
      form: 'erledigt',
    },
    {
      id: 'berechtigungen', title: 'Berechtigungskonzept je Verfahren', phase: 'identitaet', kind: 'manual',
      description: 'Rollen und Rechte je Verfahren mit den Key-Usern der Gemeinde abstimmen.',
      candidateRoles: ['verfahren', 'gemeinde'], dependsOn: ['benutzerkonten', 'verfahrensliste'], plannedDays: 7, form: 'erledigt',
    },
    {
      id: 'verfahrensmigrationen', title: 'Verfahrensmigrationen', phase: 'migrationen', kind: 'child',
      description: 'Je ausgewähltem Verfahren eine Verfahrensmigration.',
      candidateRoles: ['verfahren'], dependsOn: ['schutzbedarf', 'netzanbindung', 'berechtigungen'], plannedDays: 60,
      child: { process: 'verfahren-migration', fanOut: 'verfahren' },
    },
    {
      id: 'arbeitsplatz-rollouts', title: 'Arbeitsplatz-Rollouts', phase: 'rollouts', kind: 'child',
      description: 'Neue Arbeitsplätze in Gerätechargen ausrollen.',
      candidateRoles: ['arbeitsplatz'], dependsOn: ['benutzerkonten'], plannedDays: 20,
      child: { process: 'arbeitsplatz-rollout', fanOut: 'deviceBatches' },
    },
    {
      id: 'schulungen', title: 'Schulungen je Verfahren', phase: 'schulungen', kind: 'manual',
      description: 'Anwenderschulungen für die Verfahren durchführen.',
      candidateRoles: ['verfahren'], dependsOn: ['berechtigungen'], plannedDays: 5, form: 'schulung',
    },
    {
      id: 'go-no-go', title: 'Go/No-Go-Entscheidung', phase: 'golive', kind: 'manual',
      description: 'Entscheidung über die Produktivsetzung im Vier-Augen-Prinzip: Projektleitung und Geschäftsleitung der Gemeinde.',
      candidateRoles: ['projektleitung', 'gemeinde'],
      dependsOn: ['verfahrensmigrationen', 'arbeitsplatz-rollouts', 'schulungen', 'awareness', 'vvt', 'altvertraege',
        'ip-plan', 'postfaecher', 'vertrag'],
      plannedDays: 2, form: 'goNoGo', approvals: { required: 2, roles: ['projektleitung', 'gemeinde'] }, milestone: true,
    },
    {
      id: 'schliesszeit', title: 'Schließzeit bekannt machen', phase: 'golive', kind: 'manual',
      description: 'Schließtage im Amtsblatt und auf der Website ankündigen.',
      candidateRoles: ['gemeinde'], dependsOn: ['go-no-go'], plannedDays: 7, form: 'erledigt',
    },
    {
      id: 'umstellung', title: 'Umstellung (Produktivsetzung)', phase: 'golive', kind: 'manual',
      description: 'Umstellung durchführen und Produktivbetrieb bestätigen.',
      candidateRoles: ['projektleitung'], dependsOn: ['schliesszeit'], plannedDays: 2, form: 'erledigt', milestone: true, goLive: true,
    },
    {
      id: 'nachbetreuung', title: 'Nachbetreuung (Hypercare)', phase: 'hypercare', kind: 'wait',
      description: 'Verkürzte Reaktionszeiten und tägliche Abstimmung. Endet nach Plan oder vorzeitig durch Entscheidung der Projektleitung.',
      candidateRoles: ['projektleitung'], dependsOn: ['umstellung'], plannedDays: 20,
    },
    {
      id: 'abnahme', title: 'Abnahmeprotokoll und Übergabe in den Regelbetrieb', phase: 'abschluss', kind: 'manual',
      description: 'Abnahme im Vier-Augen-Prinzip unterzeichnen: Projektleitung und Gemeinde.',
      candidateRoles: ['projektleitung', 'gemeinde'], dependsOn: ['nachbetreuung'], plannedDays: 5, form: 'abnahme',
      approvals: { required: 2, roles: ['projektleitung', 'gemeinde'] }, milestone: true,
    },
    {
      id: 'stilllegung', title: 'Altserver stilllegen, Datenträger vernichten, Lessons Learned', phase: 'abschluss', kind: 'manual',
      description: 'Alte Server abschalten, Datenträger nach DIN 66399 vernichten (Vier-Augen-Prinzip), Erkenntnisse festhalten.',
      candidateRoles: ['arbeitsplatz', 'isb'], dependsOn: ['abnahme'], plannedDays: 15, form: 'vernichtung',
      approvals: { required: 2 },
    },
  ],
};
