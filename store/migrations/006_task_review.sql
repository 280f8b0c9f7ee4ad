-- Four eyes as a review and repair tasks (issue 13): who submitted a task's data and when, every approval and
-- rejection, and the failed step a repair task stands for. The data itself stays in the run, out of the read model.
ALTER TABLE tasks ADD COLUMN submission jsonb;
ALTER TABLE tasks ADD COLUMN reviews jsonb NOT NULL DEFAULT '[]'::jsonb;
ALTER TABLE tasks ADD COLUMN incident jsonb;
