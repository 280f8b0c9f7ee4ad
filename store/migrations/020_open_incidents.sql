-- A person's work (the inbox's "Mein Team") holds, for the project lead and the administration, every open task
-- with an incident (retry, skip): few among many open tasks, so they get their own index in list order.
CREATE INDEX tasks_open_incidents ON tasks (due_sort, id) WHERE state = 'open' AND incident IS NOT NULL;
