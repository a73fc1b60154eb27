ALTER TABLE account ADD COLUMN last_transaction_date TIMESTAMP;
