-- The inventory number of the device that replaces each one (the rollout's Wareneingang): the batch's registration
-- hands out a range of numbers, and each device of the batch is given one of it, so that the register and the device
-- list name the new device by its number. A number is given once, whichever batch or Gemeinde.
ALTER TABLE devices ADD COLUMN new_inventory_number text;
CREATE UNIQUE INDEX devices_new_inventory_number ON devices (new_inventory_number) WHERE new_inventory_number IS NOT NULL;
