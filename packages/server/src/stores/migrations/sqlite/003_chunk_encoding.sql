-- How each chunk's batch JSON is encoded under any end-to-end encryption: 'gzip' or 'identity' (the protocol's `enc`),
-- so the viewer is told rather than guessing from the bytes.
ALTER TABLE chunks ADD COLUMN enc TEXT;
-- Plain chunks were always stored gzip-compressed. An end-to-end encrypted chunk from before this migration keeps NULL:
-- its encoding was inside the ciphertext, and only the viewer can find it out.
UPDATE chunks SET enc = 'gzip' WHERE encrypted = 0;
