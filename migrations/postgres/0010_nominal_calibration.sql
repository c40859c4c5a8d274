-- The nominal response model of an item's options (engines/irt/item_response_model.h), where
-- calibration fitted one: JSON {"slopes": [...], "intercepts": [...]} in the item's option order.
-- NULL: the item is scored right/wrong with a and b.
ALTER TABLE item_calibrations ADD COLUMN nominal TEXT;
