COMMENT ON TABLE ticket IS 'support tickets; one per request';
