-- Why a run is amber or red (issue 15): the reasons of its latest snapshot, for the portfolio. Absent (null) for
-- green runs and for snapshots written before health had reasons.
ALTER TABLE runs ADD COLUMN health_reasons jsonb;
