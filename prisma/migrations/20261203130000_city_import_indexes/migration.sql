-- The unique index on ("gridId", "externalRef") serves lookups by grid alone: one index fewer to keep up
-- on a city's household import.
DROP INDEX "Household_gridId_idx";
