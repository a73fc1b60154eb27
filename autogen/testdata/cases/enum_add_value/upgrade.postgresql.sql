ALTER TYPE mood ADD VALUE 'ecstatic' AFTER 'happy';
