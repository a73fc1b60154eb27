ALTER TYPE mood ADD VALUE 'miserable' BEFORE 'sad';
ALTER TYPE mood ADD VALUE 'content' AFTER 'ok';
