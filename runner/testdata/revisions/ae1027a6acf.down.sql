ALTER TABLE account DROP COLUMN last_transaction_date;
